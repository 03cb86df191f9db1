// Hover text (Markdown) for outcome and initiative ids and for amounts.
import { goalStatus } from '../check/goals';
import type { Position, Range } from '../syntax/lineIndex';
import { currencyExponent, formatMoney, formatMoneyShort, toMinorUnits } from '../model/money';
import type { PortfolioFile } from '../model/file';
import type { AmountLiteral, InitiativeModel, OutcomeModel } from '../model/model';
import { escapeMarkdown as md } from '../summary/report/markdown';
import { percent } from '../summary/report/view';
import type { Analysis } from '../check/workspace';
import { innerRange } from './navigation';
import { targetAt, type Target } from './locate';

/** An inline code span; file text cannot close it early. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export interface HoverResult {
  markdown: string;
  range: Range;
}

export function hover(analysis: Analysis, path: string, position: Position): HoverResult | undefined {
  const file = analysis.files.find((f) => f.path === path);
  if (!file) return undefined;
  const target = targetAt(file, file.lines.offsetAt(position));
  if (!target) return undefined;
  const range =
    target.kind === 'amount'
      ? file.lines.range(target.chunk.base + target.amount.node.start, target.chunk.base + target.amount.node.end)
      : innerRange(file, target.chunk, target.node);
  const markdown =
    target.kind === 'outcome'
      ? outcomeHover(analysis, target.id)
      : target.kind === 'initiative'
        ? initiativeHover(analysis, target.id)
        : amountHover(analysis, file, target);
  return { markdown, range };
}

function outcomeHover(analysis: Analysis, id: string): string {
  const definition = analysis.index.outcome(id);
  if (!definition) return `No outcome has the id ${code(id)}: the spend linked to it counts as unlinked.`;
  const model: OutcomeModel = definition.item.model;
  const { ledger } = analysis;
  const linked = ledger.byOutcome.get(id);
  const budget = ledger.outcomeBudgets.get(model);
  const lines = [`**${md(model.title ?? id)}**`, ''];
  const facts = [
    `${model.kind} ${code(id)}`,
    model.owner ? `owner ${md(model.owner)}` : 'no owner',
    model.capability ? `capability ${md(model.capability)}` : undefined,
  ];
  lines.push(facts.filter(Boolean).join(' · '), '');
  const spend = linked?.spend ?? 0;
  const budgetText =
    budget !== undefined
      ? `, ${percent(budget > 0 ? spend / budget : null, 0)} of its ${formatMoneyShort(budget, ledger.currency)} budget`
      : '';
  lines.push(
    `Linked spend: ${formatMoney(spend, ledger.currency)} from ${linked?.initiatives ?? 0} initiative${linked?.initiatives === 1 ? '' : 's'}${budgetText}`,
  );
  if (model.measures.length > 0) {
    lines.push('', 'Measures:');
    for (const m of model.measures) {
      const unit = m.unit ? `${m.unit === '%' ? '' : ' '}${md(m.unit)}` : '';
      const values = [
        m.baseline !== undefined ? `baseline ${m.baseline}` : undefined,
        m.actual !== undefined ? `actual ${m.actual}` : undefined,
        m.target !== undefined ? `target ${m.target}${unit}` : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `- ${md(m.metric ?? m.kind ?? 'measure')}: ${values || 'no values'}${m.due ? `, due ${m.due}` : ''} (${goalStatus(m, analysis.options.today).replace('-', ' ')})`,
      );
    }
  } else if (model.kind !== 'mandate') {
    lines.push('', 'No measures: progress on this outcome cannot be shown.');
  }
  return lines.join('\n');
}

function initiativeHover(analysis: Analysis, id: string): string {
  const definition = analysis.index.initiative(id);
  if (!definition) return `No initiative has the id ${code(id)}.`;
  const model: InitiativeModel = definition.item.model;
  const entry = analysis.ledger.initiatives.find((e) => e.item === definition.item);
  const currency = analysis.ledger.currency;
  const lines = [`**${md(model.title ?? id)}**`, ''];
  lines.push(
    [`initiative ${code(id)}`, model.status, model.category, model.type, model.owner ? `owner ${md(model.owner)}` : undefined]
      .filter(Boolean)
      .join(' · '),
  );
  if (entry) {
    lines.push(
      '',
      `Spend: ${formatMoney(entry.spend, currency)}${entry.unlinked > 0 ? `, of which ${formatMoney(entry.unlinked, currency)} unlinked` : ''}`,
    );
    if (entry.allocations.length > 0)
      lines.push(`Serves: ${entry.allocations.map((a) => `${code(a.id)} ${formatMoneyShort(a.amount, currency)}`).join(', ')}`);
  } else if (model.status === 'cancelled') {
    lines.push('', 'Cancelled: counted in no total.');
  }
  if (model.start || model.end) lines.push(`Dates: ${model.start?.value ?? '?'} to ${model.end?.value ?? '?'}`);
  return lines.join('\n');
}

function amountInOwnCurrency(parts: AmountLiteral['parts'], currency: string): string | undefined {
  let minor = 0;
  for (const part of parts) {
    const result = toMinorUnits(part.value, currencyExponent(currency));
    if ('error' in result) return undefined;
    minor += result.minor;
  }
  return formatMoney(minor, currency);
}

function amountHover(analysis: Analysis, file: PortfolioFile, target: Extract<Target, { kind: 'amount' }>): string {
  const { ledger } = analysis;
  const owner = target.owner;
  const own = target.amount.currency ?? ledger.currencyOf(file);
  const written = amountInOwnCurrency(target.amount.parts, own);
  if (!written) return 'This amount cannot be read exactly: see the problem reported on it.';
  let converted: number | undefined;
  if (target.field === 'budget')
    converted = owner ? ledger.outcomeBudgets.get(owner.model as OutcomeModel) : ledger.converted(target.amount);
  else {
    const entry = ledger.initiatives.find((e) => e.item === owner);
    converted = target.field === 'cost' ? entry?.cost : entry?.actualCost;
    if (!entry) return `${written}\n\nCancelled: counted in no total.`;
  }
  const lines = [written];
  if (converted !== undefined && own !== ledger.currency) lines.push(`= ${formatMoney(converted, ledger.currency)} at the declared rate`);
  if (converted !== undefined && target.field === 'cost' && ledger.total > 0)
    lines.push('', `${percent(converted / ledger.total)} of total spend (${formatMoneyShort(ledger.total, ledger.currency)})`);
  const parts = target.amount.parts.filter((p) => p.label);
  if (parts.length > 0) lines.push('', parts.map((p) => `${p.label}: ${amountInOwnCurrency([p], own)}`).join(', '));
  return lines.join('\n');
}
