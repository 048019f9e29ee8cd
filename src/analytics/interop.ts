/**
 * The graphology packages are CommonJS with ESM-style typings: under NodeNext, TypeScript sees their
 * default export as `module.default` while Node hands over `module.exports` itself. `cjsDefault` takes
 * whichever is there, typed as the declared default.
 */
export function cjsDefault<T>(module: { default: T }): T {
  return ((module as unknown as { default?: T }).default ?? module) as T;
}
