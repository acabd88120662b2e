/** A table named in source code: in SQL text, or through its TypeORM entity. */
export interface TableReference {
  table: string;
  /** 1-based line of the reference. */
  line: number;
}

/**
 * Blanks out comments, keeping strings (where the SQL is) and line breaks, so
 * that prose about a table ("read from claims") is not taken for SQL naming it.
 * Practical rather than a full TypeScript lexer: regex literals are read as code.
 */
export function withoutComments(source: string): string {
  let out = '';
  let i = 0;
  /** Open template literals, each with the brace depth of its current `${…}`, or -1 when in its text. */
  const templates: number[] = [];
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const char = source[i]!;
    const next = source[i + 1];
    const inTemplateText = templates.length > 0 && templates.at(-1) === -1;
    if (inTemplateText) {
      if (char === '\\') {
        out += source.slice(i, i + 2);
        i += 2;
      } else if (char === '`') {
        templates.pop();
        out += char;
        i += 1;
      } else if (char === '$' && next === '{') {
        templates[templates.length - 1] = 0;
        out += '${';
        i += 2;
      } else {
        out += char;
        i += 1;
      }
      continue;
    }
    if (char === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (char === "'" || char === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== char && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (char === '`') {
      templates.push(-1);
      out += char;
      i += 1;
    } else {
      if (templates.length > 0) {
        if (char === '{') templates[templates.length - 1]! += 1;
        if (char === '}') {
          if (templates.at(-1) === 0) templates[templates.length - 1] = -1;
          else templates[templates.length - 1]! -= 1;
        }
      }
      out += char;
      i += 1;
    }
  }
  return out;
}

/** SQL naming a table: FROM, JOIN, INTO, UPDATE, DELETE FROM, TABLE (create, alter, lock), REFERENCES, TRUNCATE. */
const sqlTable =
  /\b(?:from|join|into|update|table|references|truncate)\s+(?:only\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;

/** A query builder given a table name as a string: `.from('claims', 'c')`, `.into('users')`. */
const builderTable = /\.(?:from|into|update|delete|insertInto)\(\s*['"`]([a-z_][a-z0-9_]*)['"`]/gi;

/** `@Entity('name')` or `@Entity({ name: 'name' })`. */
const entityDecorator = /@Entity\(\s*(?:\{[^}]*?\bname:\s*)?['"]([a-z_][a-z0-9_]*)['"]/g;

/** An entity class declared after its `@Entity` decorator. */
const entityClass =
  /@Entity\(\s*(?:\{[^}]*?\bname:\s*)?['"]([a-z_][a-z0-9_]*)['"][\s\S]*?\bclass\s+([A-Za-z_$][\w$]*)/g;

/** TypeORM calls that take an entity class and so read or write its table. */
const entityMethods = [
  'getRepository',
  'getTreeRepository',
  'InjectRepository',
  'createQueryBuilder',
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findAndCount',
  'findAndCountBy',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'sum',
  'average',
  'minimum',
  'maximum',
  'create',
  'merge',
  'preload',
  'save',
  'insert',
  'update',
  'upsert',
  'delete',
  'remove',
  'softDelete',
  'restore',
  'increment',
  'decrement',
  'into',
  'from',
];

/** The table of each entity class declared in `source`, by class name. */
export function entityTables(source: string): Map<string, string> {
  const tables = new Map<string, string>();
  for (const match of withoutComments(source).matchAll(entityClass)) tables.set(match[2]!, match[1]!);
  return tables;
}

/**
 * The tables among `tables` that `source` names: in SQL text, in a query
 * builder's table argument, in an `@Entity` decorator, or by passing one of
 * `entities` (class name to table) to a TypeORM query or repository.
 */
export function tableReferences(
  source: string,
  tables: ReadonlySet<string>,
  entities: ReadonlyMap<string, string>,
): TableReference[] {
  const code = withoutComments(source);
  const lineOf = (index: number) => code.slice(0, index).split('\n').length;
  const found: TableReference[] = [];
  const add = (name: string, index: number) => {
    const table = name.toLowerCase();
    if (tables.has(table)) found.push({ table, line: lineOf(index) });
  };
  for (const pattern of [sqlTable, builderTable, entityDecorator]) {
    for (const match of code.matchAll(pattern)) add(match[1]!, match.index);
  }
  if (entities.size > 0) {
    const names = [...entities.keys()].join('|');
    const entityUse = new RegExp(
      `(?:\\b(?:${entityMethods.join('|')})\\(\\s*|\\bRepository<\\s*)(${names})\\b(?![\\w$])`,
      'g',
    );
    for (const match of code.matchAll(entityUse)) add(entities.get(match[1]!)!, match.index);
  }
  return found.sort((a, b) => a.line - b.line || a.table.localeCompare(b.table));
}
