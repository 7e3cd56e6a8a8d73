// Finding the elements of a rendered card, for the card tests: by type, or by a test of each element,
// in the order the card shows them.
export type CardNode = Record<string, unknown>;

/** Every element (or action) of the card that `matches`, in document order, nested cards included. */
export function nodesWhere(card: unknown, matches: (node: CardNode) => boolean): CardNode[] {
  const found: CardNode[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as CardNode;
      if (matches(record)) found.push(record);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every element of this type (`TextBlock`, `Input.Toggle`, `Action.Execute` …). */
export const nodes = (card: unknown, type: string): CardNode[] => nodesWhere(card, (node) => node.type === type);
