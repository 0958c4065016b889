export { AlarmTopic, type AlarmTopicProps, subscriptionId } from './alarm-topic';
export {
  type DashboardService,
  dashboardBody,
  SERVICE_WIDGETS,
  type ServiceWidget,
  ServicesDashboard,
  type ServicesDashboardProps,
} from './dashboard';
export {
  alarmName,
  alarmTopicName,
  dashboardName,
  DEPLOYMENT_ALARM_KINDS,
  deploymentAlarmNames,
  type ServiceAlarmKind,
} from './names';
export {
  lowestMinCount,
  type ScaledServiceDefinition,
  ScalingAndMonitoring,
  type ScalingAndMonitoringProps,
  type ServiceComputeOutputs,
  type ServiceMonitoring,
} from './scaling-and-monitoring';
export {
  type AlarmThresholds,
  DEFAULT_ALARM_THRESHOLDS,
  type LoadBalancerTarget,
  ServiceAlarms,
  type ServiceAlarmsProps,
} from './service-alarms';
export { requestCountLabel, ServiceScaling, type ServiceScalingProps } from './service-scaling';
