// Which analysis result is still wanted. Each request for a document gets a ticket; only the newest
// ticket's result is published, and only while the document still has the version that was sent.
// An older result (the user typed on, or a setting changed meanwhile) is dropped. No `vscode` import.

export class LatestRequests {
  private readonly newest = new Map<string, number>();
  private nextTicket = 1;
  /** How many results arrived too late and were dropped. */
  dropped = 0;

  /** Records a new request for a document; the ticket identifies it when its result comes back. */
  start(key: string): number {
    const ticket = this.nextTicket++;
    this.newest.set(key, ticket);
    return ticket;
  }

  /**
   * Whether a result may be published: it answers the newest request for the document, and the
   * document's version is still the one analysed. Counts the ones it turns away.
   */
  accept(key: string, ticket: number, analysedVersion: number, currentVersion: number | undefined): boolean {
    const wanted = this.newest.get(key) === ticket && analysedVersion === currentVersion;
    if (wanted) this.newest.delete(key);
    else this.dropped++;
    return wanted;
  }

  /** Forgets a document (it closed): any result still on its way is dropped. */
  forget(key: string): void {
    this.newest.delete(key);
  }
}
