import noDirectInstantiation from './no-direct-instantiation.js';

/** Every rule of the plugin, by name (sorted). */
export const rules = {
  'no-direct-instantiation': noDirectInstantiation,
};
