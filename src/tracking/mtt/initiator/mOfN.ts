/**
 * @module tracking/mtt/initiator/mOfN
 * Sliding-window M-of-N confirmation of a tentative track (Blackman & Popoli 1999 §6.3). The one implementation
 * lives in `core/confirmation.ts` (every tracker uses it); this module keeps the role folder's name for it.
 */
export {
  type ConfirmationDecision as MOfNDecision,
  mOfNDecision,
} from '../../core/confirmation.js';
