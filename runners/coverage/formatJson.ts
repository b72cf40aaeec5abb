// JSON laid out the way Biome formats it with the kit's settings (2 spaces, 140 columns): objects one
// member per line, an array of plain values on one line when it fits and one value per line when not.
// The generated lists are committed, so their layout must survive `make lint` unchanged.

const LINE_WIDTH = 140;

/** `value` as formatted JSON text (no trailing newline). */
export function formatJson(value: unknown, indent = '', prefixWidth = 0): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const plain = value.every((item) => item === null || typeof item !== 'object');
    const inner = `${indent}  `;
    if (plain) {
      const oneLine = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      // The line holds the indent, the key before the value and a comma after it.
      if (indent.length + prefixWidth + oneLine.length + 1 <= LINE_WIDTH) return oneLine;
    }
    return `[\n${value.map((item) => `${inner}${formatJson(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    const members = entries.map(([key, item]) => {
      const keyText = `${JSON.stringify(key)}: `;
      return `${inner}${keyText}${formatJson(item, inner, keyText.length)}`;
    });
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
