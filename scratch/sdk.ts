import {createServer} from 'node:http';
import {CloudTrailClient, LookupEventsCommand} from '@aws-sdk/client-cloudtrail';
import {CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, DescribeAlarmsCommand} from '@aws-sdk/client-cloudwatch';
let body = '';
const server = createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, {'content-type': req.headers['x-amz-target']?.includes('Granite') ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1'}); res.end(body); }); });
await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as any).port}`;
const creds = {accessKeyId: 'a', secretAccessKey: 'b'};
const ct = new CloudTrailClient({region: 'us-east-1', endpoint: url, credentials: creds, maxAttempts: 1});
const cw = new CloudWatchClient({region: 'us-east-1', endpoint: url, credentials: creds, maxAttempts: 1});
async function tryIt(label: string, json: unknown, send: () => Promise<unknown>) {
  body = JSON.stringify(json);
  try { const out: any = await send(); delete out.$metadata; console.log('OK ', label, JSON.stringify(out, (k, v) => v instanceof Date ? `Date(${v.getTime()})` : v)); }
  catch (e: any) { console.log('ERR', label, e.name, String(e.message).slice(0, 100)); }
}
const le = () => ct.send(new LookupEventsCommand({}));
await tryIt('events string', {Events: 'x'}, le);
await tryIt('events obj', {Events: {a: 1}}, le);
await tryIt('events [null]', {Events: [null, {EventId: 'a'}]}, le);
await tryIt('events [1,"s",[]]', {Events: [1, 's', [], {EventId: 'a'}]}, le);
await tryIt('nexttoken obj', {Events: [], NextToken: {a: 1}}, le);
await tryIt('nexttoken num', {Events: [], NextToken: 5}, le);
await tryIt('eventtime 1e300', {Events: [{EventId: 'a', EventTime: 1e300}]}, le);
await tryIt('eventtime str', {Events: [{EventId: 'a', EventTime: 'yesterday'}]}, le);
await tryIt('eventtime iso', {Events: [{EventId: 'a', EventTime: '2026-01-01T00:00:00Z'}]}, le);
await tryIt('eventtime obj', {Events: [{EventId: 'a', EventTime: {}}]}, le);
await tryIt('eventtime -1', {Events: [{EventId: 'a', EventTime: -1}]}, le);
await tryIt('resources str', {Events: [{EventId: 'a', Resources: 'x'}]}, le);
await tryIt('resources [null]', {Events: [{EventId: 'a', Resources: [null, 1, {ResourceName: {}}]}]}, le);
await tryIt('cte obj', {Events: [{EventId: {x: 1}, CloudTrailEvent: {a: 1}, ReadOnly: [], Username: 5}]}, le);
await tryIt('top array', [1,2], le);
await tryIt('top null', null, le);
const gmd = () => cw.send(new GetMetricDataCommand({MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(1)}));
await tryIt('mdr str', {MetricDataResults: 'x'}, gmd);
await tryIt('mdr [null]', {MetricDataResults: [null, {Id: 'm0', Timestamps: [1, null, 'x', 1e300, {}], Values: [1, null, 'NaN', 'x', 5, 6]}]}, gmd);
await tryIt('mdr ts str', {MetricDataResults: [{Id: 'm0', Timestamps: 'x', Values: {a: 1}, StatusCode: 5, Messages: 'x'}]}, gmd);
await tryIt('mdr msgs', {MetricDataResults: [{Id: 1, Messages: [null, {Code: {}, Value: 1}]}]}, gmd);
await tryIt('mdr values NaN str', {MetricDataResults: [{Id: 'm0', Timestamps: [60], Values: ['NaN', 'Infinity', '-Infinity']}]}, gmd);
const lm = () => cw.send(new ListMetricsCommand({}));
await tryIt('metrics [null]', {Metrics: [null, {MetricName: 5, Dimensions: 'x'}, {MetricName: 'a', Dimensions: [null, {Name: {}, Value: 1}]}]}, lm);
await tryIt('metrics str', {Metrics: 'x', NextToken: []}, lm);
const da = () => cw.send(new DescribeAlarmsCommand({}));
await tryIt('alarms', {MetricAlarms: [null, 1, {AlarmName: {}, StateValue: 5, Metrics: 'x', StateTransitionedTimestamp: 1e300, Namespace: []}], CompositeAlarms: 'x'}, da);
await tryIt('alarms2', {MetricAlarms: [{AlarmName: 'a', Metrics: [null, {MetricStat: 'x'}, {MetricStat: {Metric: {Namespace: 'AWS/IoT', MetricName: []}}}]}], CompositeAlarms: [null, {AlarmRule: {}}]}, da);
server.close(); ct.destroy(); cw.destroy();
