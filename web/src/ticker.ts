/**
 * @module web/ticker
 * The event ticker over the map: the last few events up to the replay time, each a button that goes to its
 * moment and frames it on the map. Redrawn only when the set of events shown changes (a list rebuilt at every
 * frame would swallow clicks).
 */
import type { SimEvent } from '../../src/world/events.js';

/** Events shown at once. */
const SHOWN = 5;

/**
 * One line of text for an event, or null for events the ticker leaves out.
 * @example
 * eventText(killEvent) // → 'wave-1-1 killed'
 */
export function eventText(e: SimEvent): string | null {
  switch (e.type) {
    case 'threat.launch':
      return `${e.threatId} launched`;
    case 'sensor.firstDetection':
      return `${e.unitId} detects ${e.threatId} at ${(e.range_m / 1000).toFixed(0)} km`;
    case 'c2.engage':
      return `${e.unitId} engages ${e.trackId}`;
    case 'interceptor.launch':
      return `${e.unitId} fires ${e.interceptorId}`;
    case 'interceptor.end':
      return `${e.interceptorId}: ${e.result}`;
    case 'gun.burst':
      return `${e.unitId} burst: ${e.result}`;
    case 'threat.killed':
      return `${e.threatId} killed`;
    case 'threat.impact':
      return `${e.threatId} impacts${e.assetId ? ` on ${e.assetId}` : ''}`;
    case 'threat.failed':
      return `${e.threatId} failed`;
    case 'c2.holdFire':
      return e.reason === 'no-rounds' ? `${e.unitId}: out of rounds` : null;
    default:
      return null;
  }
}

/**
 * The ticker in `list`; `onPick` gets the index of a clicked event.
 * @example
 * const ticker = new Ticker(document.getElementById('ticker')!, (i) => goToEvent(i));
 * ticker.show(replay.events, t_s, clock);
 */
export class Ticker {
  private key = '';

  constructor(
    private readonly list: HTMLElement,
    private readonly onPick: (event: number) => void,
  ) {}

  /** Shows the last events at or before `t_s`. */
  show(events: readonly SimEvent[], t_s: number, clock: (t_s: number) => string): void {
    const picked: number[] = [];
    for (let i = 0; i < events.length && events[i].t_s <= t_s; i++)
      if (eventText(events[i]) !== null) {
        picked.push(i);
        if (picked.length > SHOWN) picked.shift();
      }
    const key = picked.join(',');
    if (key === this.key) return;
    this.key = key;
    this.list.replaceChildren(
      ...picked.map((i) => {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = `tick ${events[i].type.replace('.', '-')}`;
        button.textContent = `${clock(events[i].t_s)}  ${eventText(events[i])}`;
        button.title = 'go to this event';
        button.dataset.t = events[i].t_s.toFixed(1);
        button.addEventListener('click', () => this.onPick(i));
        li.append(button);
        return li;
      }),
    );
  }

  /** Forgets what was shown (a new run). */
  reset(): void {
    this.key = '';
    this.list.replaceChildren();
  }
}
