export { Cluster, type ClusterProps, ECS_OPTIMIZED_AMI_PARAMETER, Ec2CapacityProvider, ecsAgentUserData } from './cluster';
export { Compute, type ComputeOutputs, type ComputeProps, type ServiceOutputs } from './compute';
export { containerDefinitions, ECS_EXEC_VOLUMES, SCRATCH_VOLUME } from './container-definitions';
export { ELB_ACCOUNT_BY_REGION, ELB_LOG_DELIVERY_SERVICE, elbLogDeliveryPrincipal } from './elb-log-delivery';
export { ecsTasksTrustPolicy, executionRoleStatements, repositoryArn, secretResource, taskRoleStatements } from './iam';
export { LoadBalancer, type LoadBalancerProps, TLS_POLICY } from './load-balancer';
export { Service, type ServiceProps, targetGroupName } from './service';
export {
  type ComputeSource,
  resolveCompute,
  resolveService,
  type ResolvedCompute,
  type ResolvedService,
} from './settings';
