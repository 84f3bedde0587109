/**
 * Which definition an import reaches (through `export … from` and `export *` chains) and how many
 * modules import each definition, computed from the collector's per-file facts. This is the audit's
 * one seam to the module graph: when src/module-graph.ts is available, `createModuleIndex` is the only
 * function that needs to change.
 */
import type { FileFacts } from './facts.js';

/** A definition: the file that declares it and its local (declared) name. */
export interface DefinitionKey {
  readonly file: string;
  readonly name: string;
}

export interface ModuleIndex {
  /** The definition `name` exported by `file` refers to, following re-exports. */
  resolveExport(file: string, name: string): DefinitionKey | undefined;
  /** Modules (absolute paths) that import the definition, directly or through re-exports. */
  importersOf(definition: DefinitionKey): ReadonlySet<string>;
  /** Modules that export the definition under `exportedAs` (its own module and every re-exporting one). */
  exportersOf(definition: DefinitionKey): ReadonlyMap<string, string>;
  /** How many modules import `file` at all (any import or re-export of it). */
  moduleImporters(file: string): number;
}

const MAX_DEPTH = 32;

const keyOf = (definition: DefinitionKey) => `${definition.file}\0${definition.name}`;

export function createModuleIndex(facts: ReadonlyMap<string, FileFacts>): ModuleIndex {
  const declared = new Map<string, Set<string>>();
  for (const [file, fileFacts] of facts)
    declared.set(file, new Set(fileFacts.declarations.filter((d) => d.exported).map((d) => d.name)));

  function resolveExport(file: string, name: string, depth = 0): DefinitionKey | undefined {
    const fileFacts = facts.get(file);
    if (fileFacts === undefined || depth > MAX_DEPTH) return undefined;
    if (name === 'default')
      return fileFacts.defaultName === undefined ? undefined : { file, name: fileFacts.defaultName };
    if (declared.get(file)?.has(name) === true) return { file, name };
    for (const entry of fileFacts.imports) {
      if (entry.file === undefined) continue;
      for (const [imported, exportedAs] of entry.reexports) {
        if (imported === '*' && exportedAs === '*') {
          const found = name === 'default' ? undefined : resolveExport(entry.file, name, depth + 1);
          if (found !== undefined) return found;
        } else if (exportedAs === name && imported !== '*') return resolveExport(entry.file, imported, depth + 1);
      }
    }
    return undefined;
  }

  const importers = new Map<string, Set<string>>();
  const exporters = new Map<string, Map<string, string>>();
  const note = (map: Map<string, Set<string>>, definition: DefinitionKey, file: string) => {
    const key = keyOf(definition);
    let set = map.get(key);
    if (set === undefined) map.set(key, (set = new Set()));
    set.add(file);
  };
  const fileImporters = new Map<string, Set<string>>();
  for (const [file, fileFacts] of facts) {
    for (const entry of fileFacts.imports) {
      if (entry.file === undefined || entry.file === file) continue;
      let set = fileImporters.get(entry.file);
      if (set === undefined) fileImporters.set(entry.file, (set = new Set()));
      set.add(file);
    }
    for (const name of declared.get(file) ?? []) {
      const key = keyOf({ file, name });
      if (!exporters.has(key)) exporters.set(key, new Map());
      exporters.get(key)?.set(file, name);
    }
    for (const entry of fileFacts.imports) {
      if (entry.file === undefined) continue;
      for (const name of entry.names) {
        if (name === '*') continue;
        const definition = resolveExport(entry.file, name);
        if (definition === undefined || definition.file === file) continue;
        note(importers, definition, file);
      }
      for (const [imported, exportedAs] of entry.reexports) {
        if (imported === '*') continue;
        const definition = resolveExport(entry.file, imported);
        if (definition === undefined) continue;
        const key = keyOf(definition);
        if (!exporters.has(key)) exporters.set(key, new Map());
        exporters.get(key)?.set(file, exportedAs);
      }
    }
  }

  // `export * from './x'`: this module exports every name of x (but its default) for the same definitions.
  const exportNames = (file: string, seen: Set<string>): Set<string> => {
    const names = new Set(declared.get(file));
    const fileFacts = facts.get(file);
    if (fileFacts === undefined || seen.has(file)) return names;
    seen.add(file);
    for (const entry of fileFacts.imports)
      for (const [imported, exportedAs] of entry.reexports) {
        if (imported !== '*') names.add(exportedAs);
        else if (exportedAs === '*' && entry.file !== undefined)
          for (const name of exportNames(entry.file, seen)) if (name !== 'default') names.add(name);
      }
    return names;
  };
  for (const [file, fileFacts] of facts) {
    for (const entry of fileFacts.imports) {
      if (
        entry.file === undefined ||
        !entry.reexports.some(([imported, exportedAs]) => imported === '*' && exportedAs === '*')
      )
        continue;
      for (const name of exportNames(entry.file, new Set())) {
        if (name === 'default') continue;
        const definition = resolveExport(entry.file, name);
        if (definition === undefined) continue;
        const key = keyOf(definition);
        if (!exporters.has(key)) exporters.set(key, new Map());
        exporters.get(key)?.set(file, name);
      }
    }
  }

  return {
    resolveExport: (file, name) => resolveExport(file, name),
    importersOf: (definition) => importers.get(keyOf(definition)) ?? new Set(),
    exportersOf: (definition) => exporters.get(keyOf(definition)) ?? new Map(),
    moduleImporters: (file) => fileImporters.get(file)?.size ?? 0,
  };
}
