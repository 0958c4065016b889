/**
 * What this library needs to know of the things it scales and watches. Plain values or
 * Terraform tokens: the library does not import the compute library (which imports this one).
 */

/** The ECS service a scaler or an alarm is about. Values may be Terraform tokens. */
export interface EcsServiceRef {
  /** ECS cluster name (pass the cluster resource's `name`, so scaling waits for the cluster). */
  readonly clusterName: string;
  /** ECS service name (pass the service resource's `name`, so the scalable target waits for the service). */
  readonly serviceName: string;
}

/** The load balancer and target group of a service behind an ALB: for request-count scaling and its alarms. */
export interface LoadBalancerTargetRef {
  /** `arn_suffix` of the load balancer, `app/<name>/<id>`: the `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: string;
  /** `arn_suffix` of the service's target group, `targetgroup/<name>/<id>`: the `TargetGroup` dimension. */
  readonly targetGroupArnSuffix: string;
}
