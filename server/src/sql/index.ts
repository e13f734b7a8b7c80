/** The PostgreSQL SQL front end (SQLite and MySQL files go through it too, without syntax errors). */
export { ensureSqlParser, parseCacheSize, parseStatement, type ParsedStatement } from './parse';
export { splitStatements, type SkippedRegion, type SplitComment, type SplitResult, type SplitStatement } from './split';
export { detectSqlDialect, dialectFromContent, dialectFromPath, engineMarks, isTemplated, pathEngineWord, reportsSyntaxErrors, type EngineMark } from './dialect';
export { applyStatement, type ApplyContext } from './build';
export { renderSqlFix } from './render';
export { loadSql, type SqlLoadOptions, type SqlLoadResult } from './load';
export { tableKey } from './names';
export { isPartial } from './relations';
