// Lint configurations of the benchmark runs, built for a corpus root (bench/.work/x<scale>).
// Each ESLint variant is a flat config; oxlint gets a JSON config. Linters are loaded lazily so a run
// only pays for what it uses.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { servicesIn, ssotSettings } from './corpus.js';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** The plugin as linted: a snapshot of the build (`dist/`) taken when the bench starts (see run.js). */
export const pluginDir = path.join(repoRoot, 'bench', '.work', 'dist');
export const pluginEntry = path.join(pluginDir, 'src', 'index.js');

/** The built plugin (`npm run build` first). */
export async function loadPlugin() {
  return (await import(pathToFileURL(pluginEntry).href)).default;
}

/** `ssot/<rule>` → 'warn' for every rule the plugin has (its options at their defaults). */
export function ssotRules(plugin) {
  return Object.fromEntries(Object.keys(plugin.rules).map((name) => [`ssot/${name}`, 'warn']));
}

/** `no-restricted-syntax` selectors for what the ssot rules look for: constructions, subclasses, singletons. */
export function restrictedSyntax(services) {
  const classes = `/^(?:${services.map((service) => service.class).join('|')})$/`;
  const factories = `/^(?:${services.flatMap((service) => (service.factory === undefined ? [] : [service.factory.name])).join('|')})$/`;
  const message = 'Managed service: use its factory.';
  const moduleLevel = ['Program > VariableDeclaration', 'Program > ExportNamedDeclaration > VariableDeclaration'];
  return [
    { selector: `NewExpression[callee.name=${classes}]`, message },
    { selector: `NewExpression[callee.property.name=${classes}]`, message },
    { selector: `ClassDeclaration[superClass.name=${classes}]`, message },
    { selector: `ClassExpression[superClass.name=${classes}]`, message },
    ...moduleLevel.map((scope) => ({ selector: `${scope} > VariableDeclarator > NewExpression.init[callee.name=${classes}]`, message: 'Module-level instance.' })),
    ...moduleLevel.map((scope) => ({ selector: `${scope} > VariableDeclarator > CallExpression.init[callee.name=${factories}]`, message: 'Factory called at module load.' })),
    { selector: `ExportDefaultDeclaration > NewExpression[callee.name=${classes}]`, message: 'Module-level instance.' },
    { selector: `AssignmentExpression[left.type='Identifier'] > NewExpression.right[callee.name=${classes}]`, message: 'Lazy singleton.' },
    { selector: `AssignmentExpression[left.object.type='ThisExpression'] > NewExpression.right[callee.name=${classes}]`, message: 'Lazy singleton.' },
  ];
}

/** ESLint flat config for one variant: 'baseline' | 'ssot' | 'peers'. */
export async function eslintConfig(variant, root) {
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const tsconfig = path.join(root, 'tsconfig.json');
  const base = {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  };
  if (variant === 'baseline') return [base];
  if (variant === 'ssot') {
    const plugin = await loadPlugin();
    return [base, { plugins: { ssot: plugin }, rules: ssotRules(plugin), settings: { ssot: ssotSettings(root) } }];
  }
  if (variant === 'peers') {
    const importX = (await import('eslint-plugin-import-x')).default;
    const { createTypeScriptImportResolver } = await import('eslint-import-resolver-typescript');
    const boundaries = (await import('eslint-plugin-boundaries')).default;
    const services = servicesIn(root);
    const modules = services.filter((service) => service.module !== undefined);
    return [
      base,
      {
        plugins: { 'import-x': importX, boundaries },
        settings: {
          'import-x/resolver-next': [createTypeScriptImportResolver({ project: tsconfig })],
          'import/resolver': { typescript: { project: tsconfig } },
          // boundaries classifies folders as elements and files by category: each service module is a category.
          'boundaries/elements': [{ type: 'code', pattern: 'c*' }],
          'boundaries/files': modules.map((service) => ({ category: `service-${service.name}`, pattern: `c0/${service.module}` })),
        },
        rules: {
          'no-restricted-syntax': ['warn', ...restrictedSyntax(services)],
          'import-x/no-restricted-paths': [
            'warn',
            {
              zones: modules.map((service) => ({
                target: '.',
                from: `./c0/${service.module}`,
                message: `Import ${service.name} through its factory.`,
              })),
            },
          ],
          'boundaries/dependencies': [
            'warn',
            {
              default: 'allow',
              // Every corpus file is in one element, so every import is "internal": check those too.
              checkInternals: true,
              policies: modules.map((service) => ({ disallow: { to: { file: { categories: `service-${service.name}` } } } })),
            },
          ],
        },
      },
    ];
  }
  throw new Error(`bench: unknown ESLint variant ${variant}`);
}

/** Writes `eslint.<variant>.config.js` for each ESLint variant and `oxlintrc.<variant>.json` under `root`. */
export async function writeConfigs(root) {
  const configs = {};
  const configsModule = pathToFileURL(path.join(repoRoot, 'bench', 'configs.js')).href;
  for (const variant of ['baseline', 'ssot', 'peers']) {
    const file = path.join(root, `eslint.${variant}.config.js`);
    writeFileSync(
      file,
      `import { eslintConfig } from ${JSON.stringify(configsModule)};\n\nexport default await eslintConfig(${JSON.stringify(variant)}, import.meta.dirname);\n`,
    );
    configs[variant] = file;
  }
  const plugin = await loadPlugin();
  const oxlintBase = { categories: { correctness: 'off' }, plugins: [], rules: {} };
  for (const [variant, config] of Object.entries({
    'oxlint-bare': oxlintBase,
    'oxlint-ssot': { ...oxlintBase, jsPlugins: [pluginEntry], rules: ssotRules(plugin), settings: { ssot: ssotSettings(root) } },
  })) {
    const file = path.join(root, `${variant}.json`);
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    configs[variant] = file;
  }
  return configs;
}
