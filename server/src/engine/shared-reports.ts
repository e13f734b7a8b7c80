/**
 * One finding per rule and place. Tables can share a declaration (a TypeORM base class's column is in every
 * entity that extends it): a rule judging each table reports the same place once per table, with the same
 * fix. Those reports become one, the front end's sentence naming who shares the place added to the first
 * message, the others' related places kept.
 */
import type { FrontEndResult } from '../model/frontend';
import type { Report } from '../rules/types';

export function oncePerPlace(reports: readonly Report[], unit: FrontEndResult, uri: string): readonly Report[] {
  if (reports.length < 2 || !unit.sharedAt) return reports;
  const byPlace = new Map<string, Report[]>();
  for (const r of reports) {
    const key = `${r.at.span.start}:${r.at.span.end}`;
    const same = byPlace.get(key);
    if (same) same.push(r);
    else byPlace.set(key, [r]);
  }
  if (byPlace.size === reports.length) return reports;
  return [...byPlace.values()].flatMap((same) => {
    const note = same.length > 1 ? unit.sharedAt!(uri, same[0].at.span) : undefined;
    // Two reports at one place that no tables share are two findings.
    if (!note) return same;
    const related = same.flatMap((r) => r.related ?? []).filter((x, i, all) => all.findIndex((y) => y.message === x.message && y.at.uri === x.at.uri && y.at.span.start === x.at.span.start) === i);
    return [{ ...same[0], message: `${same[0].message} ${note}`, ...(related.length ? { related } : {}) }];
  });
}
