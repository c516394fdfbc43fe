/**
 * Items kept in the order `compare` gives, updated in place: insertion and removal find their position by binary
 * search (O(log n) comparisons plus one array move), so the order never has to be rebuilt. An item's sort key must
 * not change while it is in the list: remove it, change it, add it again.
 */
export class SortedList<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get length(): number {
    return this.items.length;
  }

  /** Adds `item` after every item that compares equal to it. */
  add(item: T): void {
    this.items.splice(this.upperBound(item), 0, item);
  }

  /** Removes `item` (the same object); false when it is not in the list. */
  remove(item: T): boolean {
    for (let index = this.lowerBound(item); index < this.items.length; index++) {
      const candidate = this.items[index] as T;
      if (candidate === item) {
        this.items.splice(index, 1);
        return true;
      }
      if (this.compare(candidate, item) !== 0) return false;
    }
    return false;
  }

  at(index: number): T | undefined {
    return this.items[index];
  }

  /** The items from `start` up to (not including) `end`, as a new array. */
  slice(start?: number, end?: number): T[] {
    return this.items.slice(start, end);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }

  private lowerBound(item: T): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.items[middle] as T, item) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private upperBound(item: T): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.items[middle] as T, item) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
