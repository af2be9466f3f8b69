/** The two ways the catalogs classify an operation: a read (changes nothing) or a write. */
import type {Operation, OperationArea, OperationImpact, OperationRisk, OperationScope} from './operation-types.js';

export type Options = {readonly strength?: number; readonly scope?: OperationScope};

export const read = (area: OperationArea, words: string): Operation => ({access: 'read', area, impact: 'none', strength: 0, scope: 'none', risk: 'none', words});

export function write(area: OperationArea, risk: Exclude<OperationRisk, 'none'>, words: string, impact: OperationImpact = 'none', options: Options = {}): Operation {
	const scope = options.scope ?? (impact === 'none' ? 'none' : 'fleet');
	return {access: 'write', area, impact, strength: impact === 'none' ? 0 : (options.strength ?? 1), scope, risk, words};
}

export const device: Options = {scope: 'device'};
