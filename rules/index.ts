import canonicalImport from './canonical-import.js';
import noDirectInstantiation from './no-direct-instantiation.js';
import noDuplicateDefinition from './no-duplicate-definition.js';
import noFactoryBypass from './no-factory-bypass.js';
import noModuleSingleton from './no-module-singleton.js';

/** Every rule of the plugin, by name (sorted). */
export const rules = {
  'canonical-import': canonicalImport,
  'no-direct-instantiation': noDirectInstantiation,
  'no-duplicate-definition': noDuplicateDefinition,
  'no-factory-bypass': noFactoryBypass,
  'no-module-singleton': noModuleSingleton,
};
