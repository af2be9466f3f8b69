/**
 * The simulator's CloudWatch service (AWS JSON 1.0, query-compatible): ListMetrics, GetMetricData and
 * DescribeAlarms over the synthetic fleet. Throttling only happens through injected faults.
 */
import {describeAlarms, type CrossAccountTarget} from './describe-alarms.js';
import type {Fleet} from './fleet.js';
import {getMetricData} from './get-metric-data.js';
import {listMetrics, type LinkedFleets} from './list-metrics.js';
import type {AccountFleets} from './get-metric-data.js';
import {type ServiceHandler, SimError} from './protocol.js';

export type CloudWatchServiceOptions = {
	readonly fleet: Fleet;
	/** ListMetrics page size (CloudWatch's is 500). */
	readonly listMetricsPageSize?: number;
	/** DescribeAlarms page size when the caller sends no MaxRecords (CloudWatch's default is 50). */
	readonly alarmsPageSize?: number;
	/** OAM: the linked accounts this monitoring account may read (ListMetrics and GetMetricData). */
	readonly linked?: LinkedFleets & {readonly metricData: AccountFleets};
	/** Cross-account alarms the monitoring account keeps on linked accounts' metrics (DescribeAlarms). */
	readonly crossAccountAlarms?: () => readonly CrossAccountTarget[];
};

/** Creates the CloudWatch handler the HTTP server routes `GraniteServiceVersion20100801.*` to. */
export function createCloudWatchService(options: CloudWatchServiceOptions): {handle: ServiceHandler} {
	const {fleet} = options;
	const listPage = options.listMetricsPageSize ?? 500;
	const alarmsPage = options.alarmsPageSize ?? 50;
	return {
		handle(operation, input, now) {
			switch (operation) {
				case 'ListMetrics':
					return listMetrics(fleet, input, now, listPage, options.linked);
				case 'GetMetricData':
					return getMetricData(fleet, input, now, options.linked?.metricData);
				case 'DescribeAlarms':
					return describeAlarms(fleet, input, now, alarmsPage, options.crossAccountAlarms?.() ?? []);
				default:
					throw new SimError(
						'UnknownOperationException',
						`The iot-monitor simulator does not implement CloudWatch ${operation}.`,
						400,
					);
			}
		},
	};
}
