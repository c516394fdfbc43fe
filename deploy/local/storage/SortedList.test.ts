import { SortedList } from './SortedList';

describe('SortedList', () => {
  const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;

  it('keeps items in order as they are added in any order, equal keys in the order they came', () => {
    const list = new SortedList<{ key: number; index: number }>(byKey);
    const items = [5, 1, 4, 1, 3, 9, 2, 6].map((key, index) => ({ key, index }));
    for (const item of items) list.add(item);
    expect([...list].map(item => `${item.key}/${item.index}`)).toEqual([
      '1/1',
      '1/3',
      '2/6',
      '3/4',
      '4/2',
      '5/0',
      '6/7',
      '9/5',
    ]);
    expect(list.length).toBe(8);
    expect(list.slice(2, 4).map(item => item.key)).toEqual([2, 3]);
    expect(list.at(7)?.key).toBe(9);
  });

  it('removes the very item among equal keys, and lets a changed item be placed again', () => {
    const list = new SortedList(byKey);
    const [a, b, c] = [{ key: 1 }, { key: 1 }, { key: 2 }];
    [a, b, c].forEach(item => list.add(item));
    expect(list.remove(b)).toBe(true);
    expect(list.remove(b)).toBe(false);
    expect(list.remove({ key: 2 })).toBe(false);
    expect(list.remove(c)).toBe(true);
    c.key = 0;
    list.add(c);
    expect([...list]).toEqual([c, a]);
  });
});
