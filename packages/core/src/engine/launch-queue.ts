/**
 * The launch queue of one execution: nodes that became ready, in order, each with the commit it waits for. A
 * successor is queued with the number of the commit that recorded its cause and launches only once that many
 * commits are durable, so a node never runs ahead of the record that made it ready. Consumed from the head
 * without shifting the array; the consumed prefix is dropped now and then.
 */
export interface QueuedNode {
  node: number;
  /** Launch only after this many commits are durable (successors start after their cause is committed). */
  gate: number;
}

export class LaunchQueue {
  private readonly items: QueuedNode[] = [];
  private head = 0;

  push(node: number, gate: number): void {
    this.items.push({ node, gate });
  }

  /** Some node is queued and not launched yet. */
  get pending(): boolean {
    return this.head < this.items.length;
  }

  /** The next node to launch, left in the queue (undefined when none is pending). */
  peek(): QueuedNode | undefined {
    return this.items[this.head];
  }

  /** Removes the node `peek` returned. */
  shift(): void {
    this.head++;
  }

  /** Drops the launched prefix once it is most of the array. */
  compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }
}
