import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { settingsRows, settingsTable, withTable, BEGIN, END } from '../tools/settings-docs.js';

const d = v.description;
const schema = v.strictObject({
  root: v.optional(v.pipe(v.string(), d('A path.'))),
  mode: v.pipe(v.picklist(['a', 'b']), d('Which | way.')),
  items: v.pipe(
    v.array(
      v.pipe(
        v.strictObject({
          id: v.pipe(v.string(), d('Its id.')),
          box: v.optional(v.pipe(v.strictObject({ size: v.optional(v.pipe(v.number(), d('How big.'))) }), d('A box.'))),
        }),
        v.title('Item'),
      ),
    ),
    d('The items.'),
  ),
  containers: v.optional(
    v.pipe(v.array(v.strictObject({ kind: v.pipe(v.boolean(), d('A flag.')) })), d('Untitled items.')),
  ),
});

describe('settings reference table (tools/settings-docs.ts)', () => {
  it('has a row per key: optional marks, types, nested objects, array items named by title or key', () => {
    expect(settingsRows(schema as never)).toEqual([
      { key: 'root?', type: 'string', description: 'A path.' },
      { key: 'mode', type: "'a' | 'b'", description: 'Which | way.' },
      { key: 'items', type: 'Item[]', description: 'The items.' },
      { key: 'Item.id', type: 'string', description: 'Its id.' },
      { key: 'Item.box?', type: '{ size?: number }', description: 'A box.' },
      { key: 'Item.box.size?', type: 'number', description: 'How big.' },
      { key: 'containers?', type: 'Container[]', description: 'Untitled items.' },
      { key: 'Container.kind', type: 'boolean', description: 'A flag.' },
    ]);
  });

  it('escapes pipes in cells', () => {
    expect(settingsTable(schema as never).split('\n')[3]).toBe("| `mode: 'a' \\| 'b'` | Which \\| way. |");
  });

  it('names a key without a description', () => {
    expect(() => settingsRows(v.strictObject({ bare: v.string() }) as never)).toThrow(
      'settings.ssot.bare has no v.description()',
    );
  });

  it('replaces only what is between the markers, and asks for them when missing', () => {
    expect(withTable(`a\n${BEGIN}\nold\n${END}\nb`, 'new')).toBe(`a\n${BEGIN}\nnew\n${END}\nb`);
    expect(() => withTable('no markers', 'new')).toThrow('docs/configuration.md needs the lines');
  });
});
