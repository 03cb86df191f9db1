import type { Definition } from '../workspaceIndex';
import type { InitiativeModel } from '../../model/model';
import { always, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const dependencyCycle: Rule = {
  id: 'dependency-cycle',
  title: 'Dependency cycle',
  description: 'Initiatives whose dependsOn links form a cycle, so none of them can start first.',
  defaults: always('error'),
  check({ index, report }) {
    // Only initiatives with dependencies can be on a cycle: the graph leaves the rest out.
    const graph = new Map<string, string[]>();
    for (const [id, definition] of index.initiatives) {
      const dependsOn = definition.item.model.dependsOn;
      if (dependsOn.length > 0)
        graph.set(
          id,
          dependsOn.map((d) => d.value).filter((d) => index.initiatives.has(d)),
        );
    }
    if (graph.size === 0) return;
    for (const component of stronglyConnected(graph)) {
      const members = new Set(component);
      for (const id of component) {
        const definition: Definition<InitiativeModel> = index.initiative(id)!;
        const edge = definition.item.model.dependsOn.find((d) => members.has(d.value));
        if (!edge) continue;
        const cycle = cycleThrough(id, edge.value, graph, members);
        report(
          findingAt(
            'dependency-cycle',
            definition.file,
            definition.item.chunk,
            edge.node,
            `Dependency cycle: ${cycle.join(' → ')}. None of these can start first; remove one of the dependencies.`,
          ),
        );
      }
    }
  },
};

/** Components of more than one node, or with a self-loop (Tarjan's algorithm, without recursion). */
export function stronglyConnected(graph: Map<string, string[]>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (order.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    order.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!;
        if (!order.has(target)) {
          order.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, order.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== order.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || (graph.get(frame.node) ?? []).includes(frame.node)) result.push(component.reverse());
    }
  }
  return result;
}

/** A shortest path from `start` through `first` back to `start`, for the message. */
function cycleThrough(start: string, first: string, graph: Map<string, string[]>, members: Set<string>): string[] {
  const previous = new Map<string, string>([[first, start]]);
  const queue = [first];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === start) break;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next) || previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  const path = [start];
  for (let node = start; ;) {
    const before = previous.get(node);
    if (before === undefined || before === start) break;
    path.push(before);
    node = before;
  }
  return [start, ...path.slice(1).reverse(), start];
}
