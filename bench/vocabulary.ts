/**
 * Word pools for the claim generator: people, offices, places, and per topic
 * the measures, countable things, budgets and policies political claims are
 * made about. Fictional speakers, real-sounding statements.
 */

// prettier-ignore
export const firstNames = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Dorothy', 'George', 'Melissa', 'Timothy', 'Deborah',
  'Ronald', 'Stephanie', 'Edward', 'Rebecca', 'Jason', 'Sharon', 'Jeffrey', 'Laura', 'Ryan', 'Cynthia',
  'Jacob', 'Kathleen', 'Gary', 'Amy', 'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Anna',
  'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Emma', 'Scott', 'Nicole', 'Brandon', 'Helen',
  'Benjamin', 'Samantha', 'Samuel', 'Katherine', 'Gregory', 'Christine', 'Alexander', 'Debra', 'Patrick',
  'Rachel', 'Frank', 'Carolyn', 'Raymond', 'Janet', 'Jack', 'Catherine', 'Dennis', 'Maria', 'Jerry',
  'Heather', 'Tyler', 'Diane', 'Aaron', 'Ruth', 'Jose', 'Julie', 'Adam', 'Olivia', 'Nathan', 'Joyce',
  'Henry', 'Virginia', 'Douglas', 'Victoria', 'Zachary', 'Kelly', 'Peter', 'Lauren', 'Kyle', 'Christina',
  'Noah', 'Joan', 'Ethan', 'Evelyn', 'Jeremy', 'Judith', 'Walter', 'Megan', 'Christian', 'Andrea',
  'Keith', 'Cheryl', 'Roger', 'Hannah', 'Terry', 'Jacqueline', 'Austin', 'Martha', 'Sean', 'Gloria',
  'Gerald', 'Teresa', 'Carl', 'Ann', 'Harold', 'Sara', 'Dylan', 'Madison', 'Arthur', 'Frances', 'Lawrence',
  'Kathryn', 'Jordan', 'Janice', 'Jesse', 'Jean', 'Bryan', 'Abigail', 'Billy', 'Alice', 'Bruce', 'Judy',
  'Gabriel', 'Sophia', 'Joe', 'Grace', 'Logan', 'Denise', 'Alan', 'Amber', 'Juan', 'Doris', 'Albert',
  'Marilyn', 'Willie', 'Danielle', 'Elijah', 'Beverly', 'Wayne', 'Isabella', 'Randy', 'Theresa', 'Vincent',
  'Diana', 'Mason', 'Natalie', 'Roy', 'Brittany', 'Ralph', 'Charlotte', 'Bobby', 'Marie', 'Russell',
  'Kayla', 'Bradley', 'Alexis', 'Philip', 'Lori', 'Eugene', 'Priya', 'Rahul', 'Aisha', 'Omar', 'Fatima',
  'Mohammed', 'Chen', 'Wei', 'Yuki', 'Hiroshi', 'Ingrid', 'Lars', 'Sven', 'Astrid', 'Pierre', 'Amélie',
  'François', 'Chloé', 'Jürgen', 'Katrin', 'Matteo', 'Giulia', 'Alejandro', 'Lucía', 'Joaquín', 'Sofía',
  'Siobhan', 'Niamh', 'Ciarán', 'Declan', 'Rhys', 'Cerys', 'Ewan', 'Morag', 'Kwame', 'Ngozi', 'Tunde',
  'Zanele', 'Thabo', 'Anil', 'Sunita', 'Deepak', 'Kavita', 'Tomasz', 'Agnieszka', 'Bogdan', 'Irina',
] as const;

// prettier-ignore
export const lastNames = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green',
  'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez',
  'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart',
  'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson',
  'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks',
  'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo',
  'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez', 'Powell', 'Jenkins', 'Perry', 'Russell',
  'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes', 'Gonzales', 'Fisher', 'Vasquez', 'Simmons',
  'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds', 'Griffin', 'Wallace',
  'Moreno', 'West', 'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson', 'Ellis', 'Tran', 'Medina', 'Aguilar',
  'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall', 'Owens', 'Harrison', 'Fernandez', 'McDonald', 'Woods',
  'Washington', 'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen', 'Freeman', 'Webb', 'Tucker', 'Guzman',
  'Burns', 'Crawford', 'Olson', 'Simpson', 'Porter', 'Hunter', 'Gordon', 'Mendez', 'Silva', 'Shaw', 'Snyder',
  'Mason', 'Dixon', 'Muñoz', 'Hunt', 'Hicks', 'Holmes', 'Palmer', 'Wagner', 'Black', 'Robertson', 'Boyd',
  'Rose', 'Stone', 'Salazar', 'Fox', 'Warren', 'Mills', 'Meyer', 'Rice', 'Schmidt', 'Garza', 'Daniels',
  'Ferguson', 'Nichols', 'Stephens', 'Soto', 'Weaver', 'Ryan', 'Gardner', 'Payne', 'Grant', 'Dunn',
  "O'Brien", "O'Connor", 'McCarthy', 'Fitzgerald', 'Byrne', 'Doherty', 'MacLeod', 'Campbell-Hart', 'Okafor',
  'Adeyemi', 'Mensah', 'Nkosi', 'Dlamini', 'Sharma', 'Gupta', 'Singh', 'Khan', 'Hussain', 'Rahman',
  'Yamamoto', 'Tanaka', 'Sato', 'Wang', 'Zhang', 'Liu', 'Novak', 'Kowalski', 'Nowak', 'Petrov', 'Ivanova',
  'Müller', 'Schneider', 'Fischer', 'Dubois', 'Lefèvre', 'Moreau', 'Rossi', 'Bianchi', 'Esposito',
  'Johansson', 'Lindqvist', 'Nielsen', 'Jansen', 'de Vries', 'van der Berg', 'García-Márquez', 'Ó Súilleabháin',
] as const;

// prettier-ignore
export const countries = [
  'the United States', 'the United Kingdom', 'France', 'Germany', 'Italy', 'Spain', 'Canada', 'Australia',
  'Japan', 'China', 'India', 'Brazil', 'Mexico', 'South Africa', 'Nigeria', 'Kenya', 'Ireland', 'Poland',
  'Sweden', 'Norway', 'Denmark', 'the Netherlands', 'Belgium', 'Portugal', 'Greece', 'Turkey', 'Russia',
  'Ukraine', 'New Zealand', 'Argentina', 'Chile', 'Colombia', 'Indonesia', 'Vietnam', 'South Korea',
  'Saudi Arabia', 'Egypt', 'Israel', 'Pakistan', 'Bangladesh', 'the Philippines', 'Switzerland', 'Austria',
  'Finland', 'Hungary', 'Romania', 'Czechia', 'Scotland', 'Wales', 'Northern Ireland',
] as const;

// prettier-ignore
export const regions = [
  'Texas', 'California', 'Florida', 'Ohio', 'Michigan', 'Pennsylvania', 'Georgia', 'Arizona', 'Wisconsin',
  'Nevada', 'North Carolina', 'Virginia', 'Minnesota', 'Colorado', 'Oregon', 'Iowa', 'Kansas', 'Kentucky',
  'Louisiana', 'Missouri', 'New York State', 'New Jersey', 'Illinois', 'Indiana', 'Tennessee', 'Alabama',
  'South Carolina', 'Utah', 'New Mexico', 'Maine', 'Yorkshire', 'Lancashire', 'Kent', 'Essex', 'Devon',
  'Cornwall', 'the West Midlands', 'the North East', 'the South West', 'Greater Manchester', 'Merseyside',
  'Ontario', 'Quebec', 'Alberta', 'British Columbia', 'Bavaria', 'Saxony', 'Catalonia', 'Andalusia',
  'Lombardy', 'Sicily', 'Brittany', 'Normandy', 'New South Wales', 'Victoria', 'Queensland', 'Gauteng',
  'Lagos State', 'Maharashtra', 'Kerala', 'Punjab', 'São Paulo state', 'Jalisco',
] as const;

// prettier-ignore
export const cities = [
  'London', 'Manchester', 'Birmingham', 'Leeds', 'Glasgow', 'Edinburgh', 'Cardiff', 'Belfast', 'Bristol',
  'Liverpool', 'Sheffield', 'Newcastle', 'Nottingham', 'Leicester', 'Coventry', 'Hull', 'Plymouth',
  'New York', 'Los Angeles', 'Chicago', 'Houston', 'Phoenix', 'Philadelphia', 'San Antonio', 'San Diego',
  'Dallas', 'Austin', 'Jacksonville', 'Columbus', 'Charlotte', 'Detroit', 'Memphis', 'Baltimore',
  'Milwaukee', 'Denver', 'Seattle', 'Boston', 'Nashville', 'Portland', 'Las Vegas', 'Atlanta', 'Miami',
  'Minneapolis', 'Cleveland', 'Pittsburgh', 'St. Louis', 'New Orleans', 'Toronto', 'Montreal', 'Vancouver',
  'Calgary', 'Paris', 'Lyon', 'Marseille', 'Berlin', 'Hamburg', 'Munich', 'Cologne', 'Madrid', 'Barcelona',
  'Valencia', 'Rome', 'Milan', 'Naples', 'Dublin', 'Cork', 'Amsterdam', 'Rotterdam', 'Brussels', 'Lisbon',
  'Porto', 'Warsaw', 'Kraków', 'Prague', 'Vienna', 'Budapest', 'Stockholm', 'Oslo', 'Copenhagen',
  'Helsinki', 'Athens', 'Istanbul', 'Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Auckland', 'Johannesburg',
  'Cape Town', 'Lagos', 'Nairobi', 'Mumbai', 'Delhi', 'Bengaluru', 'Chennai', 'São Paulo', 'Rio de Janeiro',
  'Mexico City', 'Buenos Aires', 'Bogotá', 'Santiago', 'Tokyo', 'Osaka', 'Seoul', 'Jakarta', 'Manila',
] as const;

// prettier-ignore
export const parties = [
  'Labour', 'the Conservatives', 'the Liberal Democrats', 'the Greens', 'Reform', 'the SNP',
  'the Democrats', 'the Republicans', 'the Liberals', 'the Social Democrats', 'the Christian Democrats',
  'the Progressive Alliance', 'the National Party', 'the Workers Party', 'the Centre Party', 'the Free Democrats',
] as const;

// prettier-ignore
export const portfolios = [
  'Health', 'Education', 'Finance', 'Home Affairs', 'Defence', 'Transport', 'Housing', 'Energy',
  'the Environment', 'Agriculture', 'Trade', 'Justice', 'Work and Pensions', 'Foreign Affairs', 'Immigration',
  'Culture', 'Science', 'Industry', 'Local Government', 'Employment',
] as const;

// prettier-ignore
export const institutions = [
  'the Office for National Statistics', 'the Bureau of Labor Statistics', 'the Census Bureau',
  'the Congressional Budget Office', 'the Institute for Fiscal Studies', 'the OECD', 'the IMF', 'the World Bank',
  'the Resolution Foundation', 'the Treasury', 'the central bank', 'the Federal Reserve', 'Eurostat',
  'the World Health Organization', 'the National Audit Office', 'the Home Office', 'the FBI',
  'the Department of Education', 'the Met Office', 'the Electoral Commission', 'the UN refugee agency',
  'the Bank of England', 'the European Commission', 'the Pew Research Center', 'a Harvard study',
  'independent economists', 'the auditor general', 'the police federation', 'the nurses union',
] as const;

// prettier-ignore
export const outlets = [
  'dailyherald', 'morningpost', 'thecitizen', 'nationalobserver', 'eveningstandardnews', 'thechronicle',
  'metrotribune', 'thegazette', 'capitolreport', 'westminsterwatch', 'policyreview', 'thecourier',
  'northernecho', 'coastalsentinel', 'valleytimes', 'thedispatch', 'publicledger', 'theexaminer',
  'newsline24', 'openparliament', 'statehousenews', 'townhalltv', 'radio-free-news', 'theweeklyreport',
] as const;

// prettier-ignore
export const sections = [
  'politics', 'news', 'uk-news', 'us-news', 'world', 'economy', 'business', 'health', 'education', 'opinion',
  'elections', 'local', 'environment', 'science', 'live', 'video', 'transcripts', 'speeches',
] as const;

// prettier-ignore
export const groups = [
  'children', 'pensioners', 'young people', 'families', 'working families', 'small businesses', 'women',
  'first-time buyers', 'students', 'veterans', 'nurses', 'teachers', 'farmers', 'renters', 'graduates',
  'low-paid workers', 'single parents', 'disabled people', 'people over 65', 'new arrivals', 'households',
  'commuters', 'doctors', 'police officers', 'carers', 'self-employed workers', 'apprentices',
] as const;

// prettier-ignore
export const actors = [
  'this government', 'the government', 'the last government', 'the previous administration', 'this administration',
  'the opposition', 'our party', 'the council', 'the mayor', 'the governor', 'the prime minister', 'the president',
  'the chancellor', 'the minister', 'the state legislature', 'Congress', 'Parliament', 'the city council',
  'the European Union', 'Brussels', 'Washington', 'Westminster', 'the regulator', 'the health service',
] as const;

// prettier-ignore
export const openers = [
  'Let me be clear: ', 'The truth is, ', 'The fact is that ', 'Nobody wants to talk about it, but ',
  'Look at the numbers: ', 'Here is the reality: ', "I'll tell you this: ", 'Make no mistake, ',
  'According to the official figures, ', 'As we speak, ', 'Right now, ', 'Frankly, ', 'Believe it or not, ',
] as const;

// prettier-ignore
export const closers = [
  ', and that is a fact.', ', according to {institution}.', '. Those are the facts.', ', and it is getting worse.',
  ", and nobody is doing anything about it.", ', the worst record in the country.', '. That is their record.',
  ', more than anywhere else in the country.', '. We did that.', ', according to figures from {institution}.',
  ', and the numbers do not lie.', '. That is not an opinion, that is a fact.', ', and they know it.',
  ', and they want you to forget it.', ', which nobody in this building will admit.', '. Check the figures.',
  ', the official figures show.', ', according to a report published last week.', ', and it is families who pay.',
  ', for the first time in a generation.', ', and we will put it right.', ', and that was before the pandemic.',
  ', the lowest since records began.', ', and the trend is clear.', '. You can look it up.',
] as const;

export interface Topic {
  tag: string;
  /** Measures that go up and down: "the unemployment rate". */
  measures: readonly string[];
  /** Countable things: "nurses", "new homes". */
  things: readonly string[];
  /** Budgets and spending lines. */
  budgets: readonly string[];
  /** Policies, bills and programmes. */
  policies: readonly string[];
}

// prettier-ignore
export const topics: readonly Topic[] = [
  {
    tag: 'economy',
    measures: [
      'unemployment', 'the unemployment rate', 'inflation', 'economic growth', 'GDP', 'average wages',
      'real wages', 'household income', 'the national debt', 'the budget deficit', 'youth unemployment',
      'productivity', 'consumer spending', 'business investment', 'the trade deficit', 'food prices',
      'the cost of living', 'interest rates', 'the price of a loaf of bread', 'petrol prices',
    ],
    things: [
      'jobs', 'manufacturing jobs', 'new businesses', 'factories', 'zero-hours contracts', 'apprenticeships',
      'unemployed people', 'food banks', 'bankruptcies', 'startups', 'high street shops',
    ],
    budgets: ['the stimulus package', 'business support', 'the jobs programme', 'regional development funding'],
    policies: [
      'the minimum wage increase', 'the jobs guarantee', 'the new trade deal', 'the infrastructure bill',
      'the austerity programme', 'the universal basic income pilot', 'the tariff on imported steel',
    ],
  },
  {
    tag: 'health',
    measures: [
      'hospital waiting lists', 'A&E waiting times', 'life expectancy', 'infant mortality', 'the obesity rate',
      'vaccination rates', 'drug overdose deaths', 'cancer survival rates', 'ambulance response times',
      'prescription costs', 'health insurance premiums', 'the suicide rate', 'smoking rates',
    ],
    things: [
      'nurses', 'doctors', 'GPs', 'hospital beds', 'midwives', 'mental health beds', 'cancer patients',
      'ambulances', 'operations', 'uninsured people', 'care homes', 'dentists',
    ],
    budgets: ['the health budget', 'mental health funding', 'NHS funding', 'Medicaid', 'public health grants'],
    policies: [
      'the health care reform', 'the sugar tax', 'the vaccine mandate', 'the new hospital building programme',
      'the prescription charge', 'the public option', 'the smoking ban',
    ],
  },
  {
    tag: 'crime',
    measures: [
      'violent crime', 'knife crime', 'the murder rate', 'gun crime', 'burglary', 'car theft', 'shoplifting',
      'antisocial behaviour', 'the reoffending rate', 'the conviction rate', 'fraud', 'drug-related crime',
    ],
    things: [
      'police officers', 'police stations', 'prison places', 'murders', 'burglaries', 'prosecutions',
      'knife attacks', 'shootings', 'community support officers', 'stop and searches', 'probation officers',
    ],
    budgets: ['the police budget', 'the prisons budget', 'youth services funding', 'the courts budget'],
    policies: [
      'the sentencing bill', 'the knife amnesty', 'stop and search powers', 'bail reform', 'the gun control bill',
      'the police reform act', 'mandatory minimum sentences',
    ],
  },
  {
    tag: 'immigration',
    measures: [
      'net migration', 'immigration', 'illegal immigration', 'asylum claims', 'the asylum backlog',
      'border crossings', 'visa overstays', 'the cost of asylum hotels', 'deportations',
    ],
    things: [
      'migrants', 'asylum seekers', 'refugees', 'illegal crossings', 'small boats', 'border agents',
      'work visas', 'student visas', 'deportation flights', 'detention places',
    ],
    budgets: ['border security funding', 'the asylum budget', 'the Home Office budget', 'refugee resettlement'],
    policies: [
      'the border wall', 'the Rwanda scheme', 'the points-based system', 'the amnesty bill',
      'the new visa rules', 'the family reunion scheme', 'the border control act',
    ],
  },
  {
    tag: 'education',
    measures: [
      'class sizes', 'school funding per pupil', 'literacy rates', 'graduation rates', 'tuition fees',
      'student debt', 'teacher pay', 'exam results', 'the attainment gap', 'school absence', 'childcare costs',
    ],
    things: [
      'teachers', 'schools', 'teaching assistants', 'free school meals', 'university places', 'nursery places',
      'school closures', 'new academies', 'students', 'apprentices', 'pupils in temporary classrooms',
    ],
    budgets: ['the schools budget', 'the education budget', 'further education funding', 'student grants'],
    policies: [
      'free tuition', 'the student loan forgiveness plan', 'free school meals for all', 'the academies programme',
      'the school voucher scheme', 'the national curriculum review', 'universal pre-kindergarten',
    ],
  },
  {
    tag: 'environment',
    measures: [
      'carbon emissions', 'air pollution', 'sewage discharges', 'plastic waste', 'the recycling rate',
      'deforestation', 'average temperatures', 'flood damage', 'water bills', 'tree cover', 'river pollution',
    ],
    things: [
      'wind turbines', 'solar farms', 'electric cars', 'charging points', 'trees', 'coal plants',
      'green jobs', 'heat pumps', 'flood defences', 'national parks', 'electric buses',
    ],
    budgets: ['the climate fund', 'green investment', 'the flood defence budget', 'the clean energy fund'],
    policies: [
      'the carbon tax', 'the net zero target', 'the ban on new petrol cars', 'the green new deal',
      'the fracking ban', 'the ultra low emission zone', 'the plastic bag charge', 'the clean air act',
    ],
  },
  {
    tag: 'housing',
    measures: [
      'house prices', 'rents', 'homelessness', 'rough sleeping', 'mortgage rates', 'the home ownership rate',
      'evictions', 'housing waiting lists', 'the average deposit', 'overcrowding',
    ],
    things: [
      'new homes', 'affordable homes', 'council houses', 'social homes', 'empty homes', 'families in temporary accommodation',
      'first-time buyers', 'homeless people', 'planning permissions', 'second homes',
    ],
    budgets: ['the housing budget', 'housing benefit', 'the affordable homes programme', 'homelessness funding'],
    policies: [
      'rent control', 'the right to buy', 'the help to buy scheme', 'the planning reform bill',
      'the stamp duty cut', 'the ban on no-fault evictions', 'the empty homes tax',
    ],
  },
  {
    tag: 'energy',
    measures: [
      'energy bills', 'gas prices', 'electricity prices', 'oil production', 'fuel poverty', 'energy imports',
      'the share of renewable power', 'gas imports from Russia', 'nuclear output',
    ],
    things: [
      'nuclear power stations', 'oil rigs', 'gas fields', 'households in fuel poverty', 'energy suppliers',
      'pipelines', 'power cuts', 'insulated homes', 'coal mines',
    ],
    budgets: ['the energy price guarantee', 'home insulation grants', 'the windfall tax revenue', 'fuel subsidies'],
    policies: [
      'the windfall tax', 'the energy price cap', 'the new nuclear programme', 'the offshore drilling ban',
      'the pipeline expansion', 'the fuel duty freeze',
    ],
  },
  {
    tag: 'taxes',
    measures: [
      'the tax burden', 'income tax', 'corporation tax', 'VAT', 'property taxes', 'the top rate of tax',
      'tax revenue', 'tax avoidance', 'council tax', 'payroll taxes', 'inheritance tax',
    ],
    things: [
      'taxpayers', 'millionaires', 'tax cuts', 'tax rises', 'tax inspectors', 'companies paying no tax',
      'families paying the higher rate', 'tax loopholes',
    ],
    budgets: ['the tax relief scheme', 'tax credits', 'the child tax credit', 'the tax rebate'],
    policies: [
      'the tax cut for the rich', 'the wealth tax', 'the flat tax', 'the inheritance tax cut',
      'the corporate tax reform', 'the tax on second homes', 'the VAT rise',
    ],
  },
  {
    tag: 'welfare',
    measures: [
      'child poverty', 'pensioner poverty', 'benefit fraud', 'the welfare bill', 'the state pension',
      'food bank use', 'universal credit payments', 'the poverty rate', 'the benefits cap',
    ],
    things: [
      'children in poverty', 'people on benefits', 'pensioners', 'food bank parcels', 'sanctions',
      'disability claimants', 'carers', 'families on universal credit',
    ],
    budgets: ['the welfare budget', 'the pensions budget', 'child benefit', 'disability benefits'],
    policies: [
      'the two-child limit', 'the triple lock', 'the benefit freeze', 'the welfare reform act',
      'the child payment', 'the pension age rise', 'the work requirement',
    ],
  },
  {
    tag: 'transport',
    measures: [
      'rail fares', 'train cancellations', 'road deaths', 'congestion', 'bus ridership', 'potholes',
      'commuting times', 'airport delays', 'the cost of the new rail line',
    ],
    things: [
      'bus routes', 'train services', 'road projects', 'cycle lanes', 'speed cameras', 'electric buses',
      'bridges in poor condition', 'miles of new track', 'rail workers',
    ],
    budgets: ['the transport budget', 'the roads budget', 'rail subsidies', 'the pothole fund'],
    policies: [
      'the high-speed rail line', 'the congestion charge', 'the bus fare cap', 'rail nationalisation',
      'the 20 mph limit', 'the airport expansion', 'the road tax rise',
    ],
  },
  {
    tag: 'defence',
    measures: [
      'defence spending', 'the size of the army', 'military recruitment', 'arms exports', 'veteran homelessness',
      'the cost of the aircraft carriers', 'troop numbers',
    ],
    things: [
      'soldiers', 'warships', 'fighter jets', 'tanks', 'military bases', 'veterans', 'reservists', 'drones',
    ],
    budgets: ['the defence budget', 'military aid', 'the veterans budget', 'the procurement budget'],
    policies: [
      'the nuclear deterrent', 'the arms deal', 'national service', 'the troop withdrawal', 'the defence review',
    ],
  },
  {
    tag: 'elections',
    measures: [
      'voter turnout', 'postal voting', 'voter registration', 'campaign spending', 'donations from abroad',
      'the number of polling stations',
    ],
    things: [
      'votes', 'registered voters', 'ballots', 'polling stations', 'dead people on the register',
      'postal votes', 'foreign donations', 'seats',
    ],
    budgets: ['election funding', 'the electoral commission budget', 'party funding'],
    policies: [
      'voter ID', 'proportional representation', 'votes at 16', 'the redistricting plan', 'mail-in voting',
    ],
  },
  {
    tag: 'agriculture',
    measures: [
      'farm incomes', 'food imports', 'food self-sufficiency', 'fertiliser prices', 'milk prices', 'crop yields',
      'farm subsidies', 'pesticide use',
    ],
    things: [
      'farms', 'farmers', 'dairy farms', 'seasonal workers', 'hectares of farmland', 'cattle', 'family farms',
    ],
    budgets: ['farm subsidies', 'the agriculture budget', 'rural development funding', 'drought relief'],
    policies: [
      'the farm bill', 'the trade deal with Australia', 'the inheritance tax on farms', 'the pesticide ban',
      'the land use framework',
    ],
  },
];

/** Words a near duplicate may swap, both ways. */
// prettier-ignore
export const synonyms: Readonly<Record<string, readonly string[]>> = {
  rose: ['increased', 'went up', 'climbed'],
  increased: ['rose', 'went up', 'grew'],
  fell: ['dropped', 'went down', 'declined'],
  dropped: ['fell', 'declined'],
  doubled: ['tripled', 'nearly doubled'],
  tripled: ['doubled', 'quadrupled'],
  cut: ['slashed', 'reduced'],
  slashed: ['cut', 'reduced'],
  highest: ['largest', 'worst'],
  lowest: ['smallest', 'best'],
  more: ['fewer', 'less'],
  fewer: ['more'],
  million: ['billion', 'thousand'],
  billion: ['million', 'trillion'],
  every: ['each'],
  years: ['decades'],
  since: ['from'],
  nearly: ['almost', 'about', 'over'],
  almost: ['nearly', 'more than'],
  over: ['more than', 'nearly'],
  record: ['historic', 'all-time'],
  today: ['now', 'this year'],
  built: ['delivered', 'completed'],
  spent: ['wasted', 'invested'],
  voted: ['campaigned'],
  never: ['not once'],
  country: ['nation'],
  government: ['administration'],
  people: ['residents', 'citizens'],
};

/** Words inserted by a near duplicate before a number. */
// prettier-ignore
export const hedges = ['nearly', 'almost', 'more than', 'about', 'over', 'roughly', 'at least', 'well over'] as const;

/** Words left out when taking a search query from a claim. */
// prettier-ignore
export const stopWords = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'did', 'do', 'does', 'for', 'from', 'had',
  'has', 'have', 'here', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'll', 'me', 'more', 'most', 'my', 'no',
  'nobody', 'not', 'now', 'of', 'on', 'one', 'or', 'our', 'out', 'over', 'so', 'than', 'that', 'the', 'their',
  'them', 'then', 'there', 'these', 'they', 'this', 'those', 'to', 'today', 'up', 'us', 'was', 'we', 'were',
  'what', 'when', 'which', 'who', 'will', 'with', 'you', 'your', 'about', 'after', 'all', 'also', 'any',
  'before', 'both', 'each', 'every', 'just', 'last', 'like', 'many', 'much', 'only', 'other', 'same', 'since',
  'some', 'such', 'very', 'would', 'could', 'should', 'can', 'let', 'look', 'make', 'per', 'cent', 'percent',
]);
