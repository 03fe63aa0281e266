/**
 * @module sim/networks
 * Wiring of the scenario's layered-C2 networks into the engine: each network gets one tracker fed by every member
 * radar and one engagement ledger (c2/network), and a dwell of any member schedules one network cycle that runs the
 * C2 cycles of the members that dwelt then, upper tier first.
 */

import { beginNetworkCycle, createLedger, type NetworkMembership } from '../c2/network.js';
import { createEngineTracker, type EngineTracker } from '../tracking/engine/index.js';
import type { World } from '../world/world.js';
import { CYCLE_AFTER_DWELLS, type UnitLoop } from './radarLoop.js';

/** How a netted unit joins its network: the shared tracker, its ledger membership, the network cycle scheduler. */
export interface NettedUnit {
  readonly tracker: EngineTracker;
  readonly membership: NetworkMembership;
  readonly scheduleCycle: (t_s: number) => void;
}

/**
 * The layered-C2 networks of the scenario, by member unit id: each network gets one tracker (ids `<network>-T…`) and
 * one ledger. A dwell of any member radar schedules one network cycle at that instant, after every dwell due then
 * (priority `CYCLE_AFTER_DWELLS`); the cycle runs the C2 cycles of the members whose own radars dwelt at that instant
 * (each member decides on its own revisit clock — a battery at 1 Hz beside a 2 Hz C-RAM radar is not re-run at 2 Hz),
 * upper tier first, each tier in scenario unit order (c2/network). `members` is filled, in scenario order, as the unit loops are built.
 */
export function joinNetworks(world: World): Map<string, { joining: NettedUnit; members: UnitLoop[] }> {
  const byUnit = new Map<string, { joining: NettedUnit; members: UnitLoop[] }>();
  for (const network of world.scenario.networks ?? []) {
    const ledger = createLedger(network.id, network.members, network.allowSimultaneous, network.lastChance_s);
    const tracker = createEngineTracker(world.scenario.tracker, network.id);
    const members: UnitLoop[] = [];
    const tierOf = (loop: UnitLoop) => (ledger.tierOf.get(loop.unit.id) === 'upper' ? 0 : 1);
    let scheduled_s = Number.NaN;
    const runCycle = (t_s: number) => {
      beginNetworkCycle(ledger);
      // stable sort: upper tier first, scenario order inside a tier; a member decides on its own radars' clock
      // (at an instant one of them dwelt), not at every dwell of another member's faster radar
      for (const loop of [...members].sort((a, b) => tierOf(a) - tierOf(b))) {
        if (loop.dwelt_s === t_s) loop.decide(t_s);
      }
    };
    const scheduleCycle = (t_s: number) => {
      if (scheduled_s === t_s) return;
      scheduled_s = t_s;
      world.kernel.schedule(0, () => runCycle(t_s), CYCLE_AFTER_DWELLS);
    };
    for (const member of network.members) {
      const membership: NetworkMembership = { ledger, tier: member.tier };
      byUnit.set(member.unitId, { joining: { tracker, membership, scheduleCycle }, members });
    }
  }
  return byUnit;
}
