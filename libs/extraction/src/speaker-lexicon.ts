/** A person's grammatical gender as far as the text shows it. */
export type Gender = 'female' | 'male' | 'unknown';

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/**
 * Verbs that introduce speech, in the forms news copy uses. A clause with one
 * of them and a subject attributes what it reports or the quote next to it.
 */
export const speechVerbs = words(`
  said says say told tells added adds warned warns argued argues claimed claims insisted insists
  noted notes stated states announced announces estimated estimates predicted predicts explained explains
  asked asks replied replies wrote writes tweeted posted continued continues stressed stresses
  emphasized emphasised emphasizes emphasises acknowledged acknowledges admitted admits conceded concedes
  contended contends maintained maintains suggested suggests recalled recalls declared declares confirmed
  confirms denied denies reported reports responded responds countered counters observed remarked
  cautioned cautions complained complains promised promises pledged pledges vowed vows boasted alleged
  alleges believes believed reckons reckoned agreed agrees disputed disputes urged urges concluded
  concludes projected projects forecast forecasts calculated calculates revealed reveals disclosed
  assured assures acknowledged objected recounted lamented testified testifies wrote predicted
  explained answered answers shouted yelled whispered mused quipped joked conceded`);

/** Verbs a speaker uses to characterise something in a few quoted words: `called the plan "a gamble"`. */
export const labelVerbs =
  words(`called calls described describes dubbed dubs labelled labeled labels branded brands termed
  terms deemed deems accused accuses condemned condemns praised praises criticised criticized criticises criticizes
  hailed hails dismissed dismisses slammed slams`);

/** Words that may stand between a subject and its speech verb: "Lopez later said", "she has said". */
export const verbModifiers =
  words(`also later then previously earlier again further has had have would will once recently
  repeatedly publicly privately separately additionally initially first last yesterday today reportedly
  herself himself themselves itself explicitly bluntly flatly simply only just still even already
  subsequently afterwards afterward frequently often long since is was were are been being did does do
  had could might may must should shall not never`);

/** Words that may open a clause before its subject: "and Lopez said", "but she added". */
export const clauseOpeners = words(`and but while as because when although though so yet since after before which who
  whom that where whereas however meanwhile instead nor or if until`);

/** Courtesy titles: kept out of the name; some of them show the gender. */
export const courtesyTitles: ReadonlyMap<string, Gender> = new Map([
  ['mr', 'male'],
  ['mrs', 'female'],
  ['ms', 'female'],
  ['miss', 'female'],
  ['mx', 'unknown'],
  ['sir', 'male'],
  ['dame', 'female'],
  ['lord', 'male'],
  ['lady', 'female'],
  ['madam', 'female'],
  ['dr', 'unknown'],
  ['prof', 'unknown'],
  ['professor', 'unknown'],
  ['rev', 'unknown'],
  ['reverend', 'unknown'],
  ['fr', 'male'],
  ['father', 'male'],
  ['sister', 'female'],
  ['brother', 'male'],
  ['king', 'male'],
  ['queen', 'female'],
  ['prince', 'male'],
  ['princess', 'female'],
  ['sheikh', 'male'],
  ['pope', 'male'],
]);

/**
 * Office titles written before a name ("Sen. Warren", "Gov. Newsom"): kept
 * out of the name and given as the role.
 */
export const officeAbbreviations: ReadonlyMap<string, string> = new Map([
  ['sen', 'Senator'],
  ['gov', 'Governor'],
  ['rep', 'Representative'],
  ['gen', 'General'],
  ['col', 'Colonel'],
  ['lt', 'Lieutenant'],
  ['capt', 'Captain'],
  ['cpt', 'Captain'],
  ['sgt', 'Sergeant'],
  ['maj', 'Major'],
  ['adm', 'Admiral'],
  ['cmdr', 'Commander'],
  ['pres', 'President'],
  ['supt', 'Superintendent'],
  ['insp', 'Inspector'],
  ['det', 'Detective'],
  ['atty', 'Attorney'],
  ['amb', 'Ambassador'],
  ['cllr', 'Councillor'],
  ['hon', 'Honourable'],
]);

/**
 * Nouns naming a role or an office. Before a name they are its role
 * ("Finance Director Maria Lopez"); alone with "the" they point back to the
 * person who holds it ("the director said").
 */
export const roleNouns = words(`
  minister secretary director president chairman chairwoman chairperson chair chief executive officer governor mayor
  senator representative congressman congresswoman congressmember spokesman spokeswoman spokesperson spokespeople
  commissioner professor economist analyst manager head leader coach judge justice attorney prosecutor ambassador
  envoy inspector superintendent councillor councilor councilman councilwoman councilmember lawmaker legislator
  deputy adviser advisor founder co-founder ceo cfo coo cto chancellor premier speaker treasurer auditor comptroller
  sheriff commander researcher scientist epidemiologist virologist doctor nurse teacher principal dean rector editor
  author activist campaigner organizer organiser official administrator coordinator consultant lawyer physician
  surgeon historian expert candidate nominee delegate mp mep mla president-elect vice general colonel captain
  lieutenant sergeant admiral major marshal detective constable chief-executive owner partner strategist
  researcher fellow lecturer student resident farmer worker engineer architect developer investor trader banker
  broker chairmen pastor priest bishop archbishop imam rabbi cardinal pope king queen prince princess president
  emir sultan monarch regent governor-general secretary-general director-general attorney-general solicitor
  barrister counsel clerk registrar statistician demographer meteorologist forecaster climatologist geologist
  biologist chemist physicist psychologist psychiatrist pharmacist dentist veterinarian paramedic firefighter
  officer trooper agent diplomat negotiator mediator observer monitor journalist reporter correspondent columnist
  commentator pollster economist-in-chief boss head-teacher headteacher headmaster headmistress provost president
  vice-president vice-chancellor undersecretary under-secretary assistant associate adjunct emeritus executive
  manager-general administrator-general commissioner-general chief-of-staff aide staffer volunteer organiser
  captain skipper striker midfielder defender goalkeeper player athlete champion runner businessman businesswoman
  entrepreneur landlord tycoon magnate financier industrialist publisher producer director-designate`);

/** Words before a role noun that belong to the role ("Finance Director", "Health Minister"). */
export const roleQualifiers = words(`deputy vice assistant associate acting interim former senior junior chief executive
  general principal prime foreign finance health interior defence defense education justice trade economy economic
  energy environment transport agriculture home labour labor culture treasury state federal regional local city
  county provincial national international managing financial operating technology medical public press
  communications research policy program programme project campaign party group union team club opposition`);

/** Head nouns of organisations ("the Ministry of Health", "the company said"). */
export const organisationNouns = words(`
  ministry department agency administration commission committee council company corporation corp inc ltd llc plc
  group bank fund foundation institute institution university college school hospital association federation union
  league party office bureau service services authority board court police army navy force forces government
  parliament congress senate assembly cabinet center centre society organization organisation network alliance
  coalition trust club campaign movement airline airlines airways motors technologies systems holdings partners
  energy media news times post press watch observatory laboratory lab programme program secretariat tribunal
  embassy consulate municipality prefecture directorate inspectorate regulator exchange reserve treasury pentagon
  kremlin firm manufacturer retailer operator charity watchdog insurer lender bloc state ministry commission
  consortium cooperative co-operative council chamber institute academy agency initiative project fire
  brigade guard guards command coastguard observatory registry archive archives library museum broadcaster
  channel newspaper magazine tribunal prosecutors prosecutor's utility utilities supermarket chain brand
  maker producer group's team club's operator contractor subcontractor provider supplier carrier`);

/** Organisation nouns a definite back-reference may use on its own ("the ministry said"). */
export const definiteOrganisationNouns = words(`ministry department agency administration commission committee council
  company corporation group bank fund foundation institute university hospital association federation union league
  party office bureau service authority board court police army government parliament congress senate assembly
  cabinet center centre society organization organisation network alliance coalition trust club campaign movement
  airline regulator firm manufacturer retailer operator charity watchdog insurer lender consortium chamber academy
  broadcaster newspaper utility supermarket maker producer team military ministry's embassy municipality city
  county state prefecture directorate secretariat tribunal`);

/** Nouns heading an anonymous source ("a senior official", "people familiar with the talks"). */
export const anonymousHeads = words(`
  official officials source sources resident residents person people spokesperson spokesman spokeswoman spokespeople
  aide aides diplomat diplomats witness witnesses analyst analysts expert experts observer observers insider insiders
  employee employees worker workers member members officer officers lawmaker lawmakers critic critics supporter
  supporters activist activists doctor doctors researcher researchers scientist scientists economist economists
  villager villagers neighbour neighbours neighbor neighbors farmer farmers student students teacher teachers
  parent parents voter voters protester protesters protestor protestors executive executives investor investors
  trader traders banker bankers negotiator negotiators representative representatives man woman men women
  mother father owner owners user users customer customers patient patients nurse nurses driver drivers
  passenger passengers commuter commuters shopkeeper shopkeepers businessman businesswoman colleague colleagues
  friend friends relative relatives engineer engineers staff staffer staffers lawyer lawyers attorney attorneys
  adviser advisers advisor advisors consultant consultants campaigner campaigners organiser organisers organizer
  organizers volunteer volunteers survivor survivors victim victims participant participants delegate delegates
  authorities insider analyst strategist strategists manager managers director directors minister ministers
  leader leaders partner partners veteran veterans soldier soldiers commander commanders fighter fighters
  militant militants rebel rebels negotiator figure figures individual individuals someone
  local locals pensioner pensioners tenant tenants landlord landlords homeowner homeowners economist
  academic academics scholar scholars professor professors historian historians journalist journalists
  reporter reporters`);

/** Determiners and quantifiers that open an anonymous description ("a", "one", "two", "several"). */
export const indefiniteDeterminers =
  words(`a an one two three four five six seven eight nine ten several some many other
  another few numerous multiple various dozens hundreds thousands most`);

/** Role nouns whose form shows the gender. */
export const genderedRoles: ReadonlyMap<string, Gender> = new Map([
  ['spokesman', 'male'],
  ['spokeswoman', 'female'],
  ['chairman', 'male'],
  ['chairwoman', 'female'],
  ['congressman', 'male'],
  ['congresswoman', 'female'],
  ['councilman', 'male'],
  ['councilwoman', 'female'],
  ['businessman', 'male'],
  ['businesswoman', 'female'],
  ['headmaster', 'male'],
  ['headmistress', 'female'],
  ['king', 'male'],
  ['queen', 'female'],
  ['prince', 'male'],
  ['princess', 'female'],
  ['father', 'male'],
  ['mother', 'female'],
  ['man', 'male'],
  ['woman', 'female'],
  ['actress', 'female'],
  ['widow', 'female'],
  ['grandmother', 'female'],
  ['grandfather', 'male'],
]);

/** Particles inside surnames ("Ursula von der Leyen", "Luiz Inácio Lula da Silva"). */
export const nameParticles =
  words(`de da das do dos del della der den van von ter ten le la du di bin ibn al el ben abu y
  st. mac`);

/** Suffixes after a name ("Jr.", "III"): part of the name, not a surname of their own. */
export const nameSuffixes = words(`jr jr. sr sr. ii iii iv`);

/** Capitalised words that open sentences or name days and months: never part of a speaker's name. */
export const notNames = words(`the a an this that these those his her their its our my your he she it they we i you
  but and or so yet if as at in on of for to by with from after before when while during since until despite
  however meanwhile monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december today yesterday tomorrow there here what who why how where which
  some many most all both each every no not also then now earlier later last next first still another
  according speaking asked writing one two three four five six seven eight nine ten`);

/**
 * Frequent given names and the gender they most often carry, for pronoun
 * back-references ("she said") when no title or earlier pronoun tells.
 */
const femaleNames = words(`
  mary maria marie anna ana anne ann elizabeth sarah sara jennifer linda patricia barbara susan jessica karen nancy
  lisa margaret betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie
  rebecca laura sharon cynthia kathleen amy shirley angela helen brenda pamela nicole emma samantha katherine
  catherine christine debra rachel carolyn janet virginia heather diane julie joyce victoria kelly christina lauren
  joan evelyn olivia judith megan cheryl martha andrea frances hannah jacqueline ann gloria jean kathryn alice teresa
  sophia sophie isabella isabel isabelle charlotte amelia mia ava grace chloe lucy ella zoe zoe julia claire clara
  fatima aisha ayesha amina mariam maryam leila layla yasmin nadia sofia lucia elena carmen rosa isabel ines paula
  marta beatriz ana luisa fernanda gabriela daniela valentina camila mariana adriana patricia monica alejandra
  francesca giulia chiara sara elisa federica ingrid astrid anja katarina katrin petra sabine ursula angela annalena
  marine segolene anne-marie nathalie sylvie isabelle celine aurelie priya anjali sunita deepa lakshmi meera kavita
  pooja neha aiko yuki keiko mei ling xiu li hui olga natalia svetlana tatiana irina yulia oksana agnieszka ewa
  kamala hillary nancy ursula christine theresa jacinda sanna giorgia liz jill michelle melania nicola jane janet
  kate katie rose ruth joanna joanne louise lorraine claudia ngozi chimamanda wangari ellen amina fiona kirsty
  rachel yvette harriet diane emily kemi priti suella penny bridget mhairi angela jess siobhan aoife niamh ciara
  sinead mairead roisin eileen maureen bernadette kathy cathy sue susan jo tracy tracey stacey nicola gemma
  hayley leanne kerry dawn sally wendy gillian alison allison shelley rosalind natasha tanya vanessa veronica
  miriam esther naomi leah tamar noa yael shira hana hanna ebony destiny maya diana gina tina nina lina dina
  mona rania dalia salma huda noor nour zainab khadija hajar samira latifa bushra farah sana hina`);

const maleNames = words(`
  james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
  donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
  nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond
  jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian
  keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel
  logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis
  carlos luis jorge miguel pedro pablo antonio manuel francisco javier diego alejandro fernando ricardo eduardo
  sergio andres rafael roberto mario marco matteo giuseppe giovanni luca lorenzo alessandro francesco emmanuel
  francois jean-pierre jean-luc pierre jacques michel olivier nicolas laurent thierry hans klaus jurgen wolfgang
  olaf friedrich karl heinz dieter stefan markus lars erik anders magnus sven mohammed muhammad mohamed ahmed ahmad
  ali omar hassan hussein ibrahim khalid mahmoud youssef yusuf abdullah abdul mustafa tariq karim rashid hamid
  reza amir raj rahul amit vijay sanjay arjun rajesh narendra ravi suresh anil hiroshi takeshi kenji yoshi wei
  jian ming hao jun xi vladimir dmitry sergei sergey alexei ivan nikolai mikhail andrei yuri boris volodymyr oleksandr
  piotr tomasz krzysztof jan joe barack keir rishi boris tony gordon emmanuel olaf justin narendra recep benjamin
  xi jair luiz lula javier gustavo andres nayib viktor mark rutte pedro giorgos kyriakos ron gavin greg ted chuck
  mitch bernie kevin hakeem jamal darnell tyrone deshawn kwame kofi chinedu oluwaseun tunde olusegun cyril jacob
  nelson thabo jomo uhuru william yoweri paul abiy ismail kais abdel bashar hosni anwar mahathir najib joko
  prabowo rodrigo ferdinand shinzo fumio tom tim jim bob bill will ben sam dan dave steve mike nick
  chris matt rob andy pete ed ted phil neil niall liam conor sean seamus ciaran declan eamon enda leo micheal
  simon nigel jeremy ed liam hugh ian iain alastair alistair angus callum ewan gavin ross fraser euan dominic
  oliver harry charlie george alfie freddie archie theo hugo max felix oscar jake luke owen rhys gareth dafydd
  alun huw mohammed yosef moshe david yair avi eli itamar naftali bezalel aryeh isaac abraham jacob`);

/** The gender a given name most often carries, or 'unknown'. */
export function genderOfGivenName(name: string): Gender {
  const lower = name.toLowerCase();
  if (femaleNames.has(lower)) return 'female';
  if (maleNames.has(lower)) return 'male';
  return 'unknown';
}
