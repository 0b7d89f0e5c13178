/**
 * `compute`, once per argument object (kept as long as the object is: a
 * WeakMap). For derivations of values that are never changed in place, such as
 * the regulation plan that receipts naming it by digest share.
 */
export function perObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const found = new WeakMap<K, { value: V }>();
  return (key) => {
    let box = found.get(key);
    if (box === undefined) {
      box = { value: compute(key) };
      found.set(key, box);
    }
    return box.value;
  };
}
