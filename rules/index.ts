import noDirectInstantiation from './no-direct-instantiation.js';
import noModuleSingleton from './no-module-singleton.js';

/** Every rule of the plugin, by name (sorted). */
export const rules = {
  'no-direct-instantiation': noDirectInstantiation,
  'no-module-singleton': noModuleSingleton,
};
