import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { entityTables, type TableReference, tableReferences } from './table-references';
import { tableOwners, unownedCodeRoots } from './table-ownership';

const root = path.resolve(__dirname, '../../..');
const tables = new Set(Object.keys(tableOwners));

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : tsFiles(file);
    return entry.name.endsWith('.ts') && !/\.(?:int-)?spec\.ts$/.test(entry.name) ? [file] : [];
  });
}

/** Every non-test, non-migration source file of the libs and the apps. */
const codeFiles = ['libs', 'apps']
  .flatMap((top) => readdirSync(path.join(root, top)).map((name) => `${top}/${name}/src`))
  .filter((dir) => !unownedCodeRoots.includes(dir))
  .flatMap(tsFiles);
const sources = new Map(codeFiles.map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));
const entities = new Map([...sources.values()].flatMap((source) => [...entityTables(source)]));

/** `libs/<lib>/…` belongs to the lib; an app owns no table. */
function ownerOf(file: string): string {
  const [top, name] = file.split('/');
  return top === 'libs' ? name! : `app ${name}`;
}

interface Violation {
  file: string;
  table: string;
  line: number;
  owner: string;
}

/** The tables `source` (the text of `file`) names that a lib other than the file's own owns. */
function violationsIn(file: string, source: string, known = entities): Violation[] {
  return tableReferences(source, tables, known).flatMap(({ table, line }: TableReference) => {
    const owner = tableOwners[table as keyof typeof tableOwners];
    return owner === ownerOf(file) ? [] : [{ file, table, line, owner }];
  });
}

describe('table ownership', () => {
  const violations = [...sources].flatMap(([file, source]) => violationsIn(file, source));

  it('finds the code it checks', () => {
    expect(sources.size).toBeGreaterThan(100);
    expect(sources.has('libs/reviews/src/reviews.repository.ts')).toBe(true);
    expect(entities.get('Claim')).toBe('claims');
    expect(entities.get('User')).toBe('users');
  });

  it('names each table only in the lib that owns it', () => {
    const unexpected = violations.map(
      ({ file, line, table, owner }) => `${file}:${line} names ${table}, owned by ${owner}`,
    );
    expect(unexpected).toEqual([]);
  });

  it('gives every table a migration creates an owner, and every owned table exists', () => {
    const created = new Set(
      tsFiles('libs/schema/src')
        .concat(
          readdirSync(path.join(root, 'libs/schema/src/migrations')).map(
            (name) => `libs/schema/src/migrations/${name}`,
          ),
        )
        .flatMap((file) =>
          [...readFileSync(path.join(root, file), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"?/gi)].map(
            (match) => match[1]!,
          ),
        ),
    );
    expect([...created].filter((table) => !tables.has(table))).toEqual([]);
    expect([...tables].filter((table) => !created.has(table))).toEqual([]);
  });

  it('gives every entity table an owner, the lib that declares the entity', () => {
    const declared = [...sources].flatMap(([file, source]) =>
      [...entityTables(source).values()].map((table) => ({ file, table })),
    );
    expect(declared.length).toBeGreaterThanOrEqual(18);
    for (const { file, table } of declared) {
      expect({ file, owner: tableOwners[table as keyof typeof tableOwners] }).toEqual({ file, owner: ownerOf(file) });
    }
  });

  describe('the check', () => {
    it('fails on a lib writing a table another lib owns', () => {
      const source = `
        async changeStatus(id: string): Promise<void> {
          await this.db.manager.query(\`UPDATE claims SET status = $2 WHERE id = $1\`, [id, 'in_review']);
        }`;
      expect(violationsIn('libs/reviews/src/fake.repository.ts', source)).toEqual([
        { file: 'libs/reviews/src/fake.repository.ts', table: 'claims', line: 3, owner: 'claims' },
      ]);
    });

    it('fails on reads, joins, inserts and deletes, quoted or not, in any case', () => {
      const source = [
        `'SELECT v.id FROM verdicts v JOIN "users" u ON u.id = v.reviewer_id'`,
        '`insert into public.sources (url) values ($1)`',
        `"DELETE FROM appearances WHERE id = $1"`,
      ].join('\n');
      expect(violationsIn('libs/events/src/fake.ts', source).map(({ table, line }) => [table, line])).toEqual([
        ['users', 1],
        ['verdicts', 1],
        ['sources', 2],
        ['appearances', 3],
      ]);
    });

    it('fails on a TypeORM query through another lib’s entity or on its table name', () => {
      const source = [
        'return this.db.manager.findOneBy(User, { email });',
        "return this.db.manager.createQueryBuilder().select('c.id').from('claims', 'c').getMany();",
        'constructor(@InjectRepository(Verdict) private readonly verdicts: Repository<Verdict>) {}',
      ].join('\n');
      expect(violationsIn('libs/webhooks/src/fake.ts', source).map(({ table, line }) => [table, line])).toEqual([
        ['users', 1],
        ['claims', 2],
        ['verdicts', 3],
        ['verdicts', 3],
      ]);
    });

    it('reads SQL inside template interpolations and ignores comments and prose', () => {
      const source = [
        '// Reads from claims, joins users: prose, not SQL.',
        '/* UPDATE claims */ const text = `SELECT 1 ${where.length > 0 ? `FROM reviews r` : ""}`;',
        "import { Claim } from '@claimdesk/claims';",
        'const claim: Claim = { ...row }; // Claim as a type names no table',
      ].join('\n');
      expect(violationsIn('libs/reviews/src/fake.ts', source)).toEqual([]);
      expect(violationsIn('libs/events/src/fake.ts', source)).toEqual([
        { file: 'libs/events/src/fake.ts', table: 'reviews', line: 2, owner: 'reviews' },
      ]);
    });

    it('holds the apps to naming no table at all', () => {
      expect(violationsIn('apps/api/src/fake.controller.ts', '`SELECT count(*) FROM claims`')).toEqual([
        { file: 'apps/api/src/fake.controller.ts', table: 'claims', line: 1, owner: 'claims' },
      ]);
    });
  });
});
