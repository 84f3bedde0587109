/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ruleDocSectionInclude: ['Why', 'Examples', 'When Not To Use It'],
  ruleDocTitleFormat: 'prefix-name',
  ruleListColumns: ['name', 'description', 'configsError', 'hasSuggestions', 'fixable', 'options'],
  urlConfigs: 'https://github.com/eslint-plugin-ssot/eslint-plugin-ssot/blob/main/docs/configuration.md',
  postprocess: (content) => content,
};
