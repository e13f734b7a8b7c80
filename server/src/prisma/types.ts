/**
 * Which database type a Prisma field becomes, per provider: the scalar's default mapping (DateTime
 * -> `timestamp(3)` on PostgreSQL) or its `@db.X(...)` native type. Names are the canonical lower-case
 * spelling the shared model uses (PostgreSQL's internal names where the type is PostgreSQL's, the
 * database's own names elsewhere), so rules compare Prisma and SQL columns alike.
 *
 * The reverse direction (which scalar and native attribute give a SQL type) serves fixes that
 * change a column's type.
 */
import { internalTypeName, type Dialect } from '../model/schema';

export const SCALARS = new Set(['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes']);

export interface MappedType {
  name: string;
  params: number[];
}

const t = (name: string, ...params: number[]): MappedType => ({ name, params });

const POSTGRES_DEFAULTS: Record<string, MappedType> = {
  String: t('text'),
  Boolean: t('bool'),
  Int: t('int4'),
  BigInt: t('int8'),
  Float: t('float8'),
  Decimal: t('numeric', 65, 30),
  DateTime: t('timestamp', 3),
  Json: t('jsonb'),
  Bytes: t('bytea'),
};

/** What Prisma Migrate creates for a scalar with no native type attribute. */
const DEFAULTS: Record<Dialect, Record<string, MappedType>> = {
  postgresql: POSTGRES_DEFAULTS,
  // CockroachDB speaks PostgreSQL's types, and Prisma maps them the same way.
  cockroachdb: POSTGRES_DEFAULTS,
  mysql: {
    String: t('varchar', 191),
    // MySQL stores it as tinyint(1); `bool` is MySQL's own synonym and keeps the meaning visible to rules.
    Boolean: t('bool'),
    Int: t('int'),
    BigInt: t('bigint'),
    Float: t('double'),
    Decimal: t('decimal', 65, 30),
    DateTime: t('datetime', 3),
    Json: t('json'),
    Bytes: t('longblob'),
  },
  sqlite: {
    String: t('text'),
    Boolean: t('boolean'),
    Int: t('integer'),
    BigInt: t('bigint'),
    Float: t('real'),
    Decimal: t('decimal'),
    DateTime: t('datetime'),
    Json: t('jsonb'),
    Bytes: t('blob'),
  },
  sqlserver: {
    String: t('nvarchar', 1000),
    Boolean: t('bit'),
    Int: t('int'),
    BigInt: t('bigint'),
    Float: t('float', 53),
    Decimal: t('decimal', 32, 16),
    DateTime: t('datetime2'),
    Json: t('nvarchar'),
    Bytes: t('varbinary'),
  },
  mongodb: {
    String: t('string'),
    Boolean: t('bool'),
    Int: t('int'),
    BigInt: t('long'),
    Float: t('double'),
    Decimal: t('decimal'),
    DateTime: t('date'),
    Json: t('object'),
    Bytes: t('bindata'),
  },
};

/** `@db.X` names whose canonical spelling is not simply the lower-cased name, per provider. */
const NATIVE_NAMES: Partial<Record<Dialect, Record<string, string>>> = {
  postgresql: {
    SmallInt: 'int2',
    Integer: 'int4',
    BigInt: 'int8',
    Real: 'float4',
    DoublePrecision: 'float8',
    Decimal: 'numeric',
    Char: 'bpchar',
    Boolean: 'bool',
    ByteA: 'bytea',
  },
  cockroachdb: {
    Int2: 'int2',
    Int4: 'int4',
    Int8: 'int8',
    Float4: 'float4',
    Float8: 'float8',
    Decimal: 'numeric',
    Char: 'bpchar',
    CatalogSingleChar: 'char',
    Bool: 'bool',
    Bytes: 'bytea',
    String: 'text',
  },
  mysql: {
    UnsignedInt: 'int unsigned',
    UnsignedSmallInt: 'smallint unsigned',
    UnsignedTinyInt: 'tinyint unsigned',
    UnsignedMediumInt: 'mediumint unsigned',
    UnsignedBigInt: 'bigint unsigned',
  },
  mongodb: { ObjectId: 'objectid' },
};

/** The scalar each native type belongs to, where a fix has to change the scalar too (Float -> Decimal). */
const NATIVE_SCALAR: Record<string, string> = {
  Text: 'String', VarChar: 'String', Char: 'String', Uuid: 'String', Citext: 'String', Xml: 'String', Inet: 'String',
  Bit: 'String', VarBit: 'String', String: 'String', NVarChar: 'String', NChar: 'String', NText: 'String',
  TinyText: 'String', MediumText: 'String', LongText: 'String', ObjectId: 'String',
  SmallInt: 'Int', Integer: 'Int', Int: 'Int', Int2: 'Int', Int4: 'Int', Oid: 'Int', TinyInt: 'Int', MediumInt: 'Int',
  UnsignedInt: 'Int', UnsignedSmallInt: 'Int', UnsignedTinyInt: 'Int', UnsignedMediumInt: 'Int',
  BigInt: 'BigInt', Int8: 'BigInt', UnsignedBigInt: 'BigInt',
  Real: 'Float', DoublePrecision: 'Float', Float4: 'Float', Float8: 'Float', Double: 'Float', Float: 'Float',
  Decimal: 'Decimal', Money: 'Decimal', SmallMoney: 'Decimal',
  Timestamp: 'DateTime', Timestamptz: 'DateTime', Date: 'DateTime', Time: 'DateTime', Timetz: 'DateTime',
  DateTime: 'DateTime', DateTime2: 'DateTime', SmallDateTime: 'DateTime', DateTimeOffset: 'DateTime',
  Json: 'Json', JsonB: 'Json',
  ByteA: 'Bytes', Bytes: 'Bytes', BinData: 'Bytes', UniqueIdentifier: 'String', Long: 'BigInt', Binary: 'Bytes', VarBinary: 'Bytes', Blob: 'Bytes', TinyBlob: 'Bytes',
  MediumBlob: 'Bytes', LongBlob: 'Bytes', Image: 'Bytes',
  Boolean: 'Boolean', Bool: 'Boolean',
};

export function defaultType(dialect: Dialect, scalar: string): MappedType | undefined {
  return DEFAULTS[dialect][scalar];
}

/** The canonical name of a `@db.X` native type on this provider. */
export function nativeTypeName(dialect: Dialect, native: string): string {
  return NATIVE_NAMES[dialect]?.[native] ?? native.toLowerCase();
}

/** Numeric arguments of a native type (`@db.VarChar(255)` -> [255]; `max` and the like are dropped). */
export function numericParams(args: readonly string[]): number[] {
  return args.map((a) => Number(a.trim())).filter((n) => Number.isFinite(n));
}

export function scalarOfNative(native: string): string | undefined {
  return NATIVE_SCALAR[native];
}

/** The native type attributes each provider accepts (Prisma's reference), for fixes that add one. */
const NATIVES: Record<Dialect, string[]> = {
  postgresql: [
    'Text', 'VarChar', 'Char', 'Uuid', 'Citext', 'Xml', 'Inet', 'Bit', 'VarBit', 'SmallInt', 'Integer', 'BigInt', 'Oid',
    'Real', 'DoublePrecision', 'Decimal', 'Money', 'Timestamp', 'Timestamptz', 'Date', 'Time', 'Timetz', 'Json', 'JsonB',
    'ByteA', 'Boolean',
  ],
  cockroachdb: [
    'String', 'Char', 'CatalogSingleChar', 'Uuid', 'Inet', 'Bit', 'VarBit', 'Int2', 'Int4', 'Int8', 'Oid', 'Float4',
    'Float8', 'Decimal', 'Timestamp', 'Timestamptz', 'Date', 'Time', 'Timetz', 'JsonB', 'Bytes', 'Bool',
  ],
  mysql: [
    'VarChar', 'Char', 'TinyText', 'Text', 'MediumText', 'LongText', 'Int', 'UnsignedInt', 'SmallInt', 'UnsignedSmallInt',
    'TinyInt', 'UnsignedTinyInt', 'MediumInt', 'UnsignedMediumInt', 'BigInt', 'UnsignedBigInt', 'Float', 'Double',
    'Decimal', 'DateTime', 'Timestamp', 'Date', 'Time', 'Json', 'Binary', 'VarBinary', 'TinyBlob', 'Blob', 'MediumBlob',
    'LongBlob', 'Bit',
  ],
  sqlite: [],
  sqlserver: [
    'Char', 'NChar', 'VarChar', 'NVarChar', 'Text', 'NText', 'UniqueIdentifier', 'Xml', 'TinyInt', 'SmallInt', 'Int',
    'BigInt', 'Bit', 'Float', 'Real', 'Decimal', 'Money', 'SmallMoney', 'Date', 'Time', 'DateTime', 'DateTime2',
    'SmallDateTime', 'DateTimeOffset', 'Binary', 'VarBinary', 'Image',
  ],
  mongodb: ['String', 'ObjectId', 'Int', 'Long', 'Double', 'Bool', 'Date', 'Timestamp', 'BinData', 'Json'],
};

function sameParams(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * How to write a database type in Prisma on this provider: the scalar alone when its default mapping
 * is that type (with those params, when given), otherwise the scalar plus a native type attribute.
 * Undefined when Prisma has no way to say it.
 */
export function prismaTypeFor(
  dialect: Dialect,
  sqlName: string,
  params?: readonly number[],
): { scalar: string; native?: string } | undefined {
  const lower = sqlName.toLowerCase();
  // Either spelling of a PostgreSQL type: `bigint` as written, `int8` as Prisma's defaults name it.
  const names = new Set([lower, dialect === 'postgresql' ? internalTypeName(lower) : lower]);
  for (const [scalar, mapped] of Object.entries(DEFAULTS[dialect])) {
    if (names.has(mapped.name) && (!params || params.length === 0 || sameParams(params, mapped.params))) return { scalar };
  }
  for (const native of NATIVES[dialect]) {
    const scalar = NATIVE_SCALAR[native];
    if (scalar && names.has(nativeTypeName(dialect, native))) return { scalar, native };
  }
  return undefined;
}
