// The simulation's verdicts in the console's language. The server explains each condition in
// English (`explanation`); the structured fields beside it (attribute, operator, values, the
// context's value, held) are what the console renders, so zh-CN users read Chinese.
import type { ConditionVerdict, GroupVerdict } from '@/api/gray';
import { t, te } from '@/i18n';

/** An attribute's label: a translated built-in one, else the key itself ("ctx.channel"). */
export function attributeLabel(attribute: string): string {
  return te(`rule.attrs.${attribute}`) ? t(`rule.attrs.${attribute}`) : attribute;
}

export function operatorLabel(operator: string): string {
  return te(`rule.ops.${operator}`) ? t(`rule.ops.${operator}`) : operator;
}

const verdict = (held: boolean | undefined) => t(held ? 'gray.explain.holds' : 'gray.explain.fails');

export function explainCondition(c: ConditionVerdict): string {
  const values = (c.values ?? []).map((v) => `“${v}”`).join(t('gray.explain.or'));
  return t(c.inverted ? 'gray.explain.conditionInverted' : 'gray.explain.condition', {
    attribute: attributeLabel(c.attribute ?? ''),
    value: c.value === null || c.value === undefined ? t('gray.explain.noValue') : `“${c.value}”`,
    operator: operatorLabel(c.operator ?? ''),
    values: values || '',
    verdict: verdict(c.held),
  });
}

/** `listName` turns the matched list's id into its name. */
export function explainUidLists(u: NonNullable<GroupVerdict['uidLists']>, uid: string, listName: (id: string) => string): string {
  return t(u.held ? 'gray.explain.inList' : 'gray.explain.notInList', { uid, list: u.list ? listName(u.list) : '' });
}

export function explainPercentage(p: NonNullable<GroupVerdict['percentage']>): string {
  if (p.bucket === null || p.bucket === undefined) return t('gray.explain.noBucket', { percentage: p.percentage ?? 0 });
  return t('gray.explain.bucket', { bucket: p.bucket, percentage: p.percentage ?? 0, verdict: verdict(p.held) });
}

export function explainRollout(r: { held?: boolean; percentage?: number }): string {
  return t('gray.explain.rollout', { percentage: r.percentage ?? 0, verdict: verdict(r.held) });
}
