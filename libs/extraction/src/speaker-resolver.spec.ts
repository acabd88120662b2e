import { readSpeakerChunk, type SpeakerPhrase } from './speaker-phrase';
import { SpeakerResolver, speakerOf } from './speaker-resolver';

function phrase(text: string): SpeakerPhrase {
  const reading = readSpeakerChunk(text);
  if (reading === null) throw new Error(`no speaker in ${text}`);
  return reading;
}

const at = (sentence: number, subject = true): { sentence: number; subject: boolean } => ({ sentence, subject });

describe('SpeakerResolver', () => {
  it('resolves a surname to the only full name that carries it, introduced later or earlier', () => {
    const resolver = new SpeakerResolver();
    resolver.introduce('Maria Lopez', 'female', null, true);
    expect(resolver.resolve(phrase('Lopez'), at(0))?.name).toBe('Maria Lopez');
  });

  it('abstains on a surname two people share unless gender or recency tells them apart', () => {
    const resolver = new SpeakerResolver();
    const ana = resolver.introduce('Ana Ruiz', 'female', null, true)!;
    resolver.introduce('Pedro Ruiz', 'male', null, true);
    expect(resolver.resolve(phrase('Ruiz'), at(0))).toBeNull();
    expect(resolver.resolve(phrase('Ms. Ruiz'), at(1))?.name).toBe('Ana Ruiz');
    resolver.touch(ana, at(10));
    expect(resolver.resolve(phrase('Ruiz'), at(11))?.name).toBe('Ana Ruiz');
  });

  it('resolves he and she to the last compatible person, and learns their gender', () => {
    const resolver = new SpeakerResolver();
    resolver.resolve(phrase('Kwame Osei'), at(0));
    resolver.resolve(phrase('Dr. Ngozi Adeyemi'), at(1));
    expect(resolver.resolve(phrase('she'), at(2))?.name).toBe('Ngozi Adeyemi');
    expect(resolver.resolve(phrase('he'), at(3))?.name).toBe('Kwame Osei');
    expect(resolver.resolve(phrase('she'), at(4))?.name).toBe('Ngozi Adeyemi');
  });

  it('does not resolve a pronoun further back than a few sentences', () => {
    const resolver = new SpeakerResolver();
    resolver.resolve(phrase('Dr. Ngozi Adeyemi'), at(0));
    expect(resolver.resolve(phrase('she'), at(20))).toBeNull();
  });

  it('resolves "it" and "the ministry" to organisations, and never "he" or "she"', () => {
    const resolver = new SpeakerResolver();
    resolver.resolve(phrase('the Ministry of Health'), at(0));
    expect(resolver.resolve(phrase('it'), at(1))?.name).toBe('Ministry of Health');
    expect(resolver.resolve(phrase('the ministry'), at(2))?.name).toBe('Ministry of Health');
    expect(resolver.resolve(phrase('she'), at(3))).toBeNull();
  });

  it('does not point "the company" to a union', () => {
    const resolver = new SpeakerResolver();
    resolver.resolve(phrase('Acme Components'), at(0));
    resolver.introduceOrganisation('Acme Components', 'company');
    resolver.resolve(phrase('the General Engineering Union'), at(1));
    expect(resolver.resolve(phrase('the company'), at(2))?.name).toBe('Acme Components');
  });

  it('names an organisation by a description that fits nothing named before', () => {
    const resolver = new SpeakerResolver();
    expect(resolver.resolve(phrase('the regional audit office'), at(0))?.name).toBe('regional audit office');
  });

  it('keeps anonymous sources anonymous, and points "the official" back to one', () => {
    const resolver = new SpeakerResolver();
    const official = resolver.resolve(phrase('a senior official'), at(0))!;
    expect(speakerOf(official)).toEqual({ name: null, role: 'a senior official', anonymous: true });
    expect(resolver.resolve(phrase('the official'), at(1))).toBe(official);
  });
});
