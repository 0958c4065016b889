/**
 * Props the specs build on: a cluster, a load balancer and services of a small environment,
 * as literal values so assertions can name them. Each spec overrides what it exercises.
 */
import { InvalidPropsError, type Tier } from '@ecs-platform/construct-props';
import { testStack } from '@ecs-platform/testing';
import type { TerraformStack } from 'cdktf';
import { Cluster, type ClusterProps } from './cluster';
import { HttpsLoadBalancer, type HttpsLoadBalancerProps } from './load-balancer';
import type { ServiceProps } from './service';

export const ACCOUNT = '210987654321';
export const REGION = 'eu-west-1';
export const IMAGE = `567890123456.dkr.ecr.${REGION}.amazonaws.com/sample-service:1.2.3`;
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const CERTIFICATE_ARN = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/3b1f6c2e-8a47-4d95-b0e3-7c5a9d2f1e64`;
export const VPC_ID = 'vpc-1';
export const PUBLIC_SUBNETS = ['subnet-public-a', 'subnet-public-b'];
export const PRIVATE_SUBNETS = ['subnet-private-a', 'subnet-private-b'];

export function clusterProps(more: Partial<ClusterProps> = {}): ClusterProps {
  return { clusterName: 'shop', accountId: ACCOUNT, region: REGION, ...more };
}

export function loadBalancerProps(more: Partial<HttpsLoadBalancerProps> = {}): HttpsLoadBalancerProps {
  return {
    name: 'shop',
    accountId: ACCOUNT,
    region: REGION,
    vpcId: VPC_ID,
    subnetIds: PUBLIC_SUBNETS,
    domainName: 'shop.example.com',
    certificateArn: CERTIFICATE_ARN,
    ...more,
  };
}

/** A stack with a cluster and a load balancer of one tier, for services to join. */
export interface Environment {
  readonly stack: TerraformStack;
  readonly cluster: Cluster;
  readonly loadBalancer: HttpsLoadBalancer;
}

export function environment(tier?: Tier, cluster: Partial<ClusterProps> = {}): Environment {
  const stack = testStack();
  return {
    stack,
    cluster: new Cluster(stack, 'cluster', clusterProps({ tier, ...cluster })),
    loadBalancer: new HttpsLoadBalancer(stack, 'load-balancer', loadBalancerProps({ tier })),
  };
}

/** A web service of `env` (production unless the environment's tier says otherwise). */
export function webProps(env: Environment, more: Partial<ServiceProps> = {}): ServiceProps {
  return {
    name: 'storefront',
    environmentName: 'shop',
    accountId: ACCOUNT,
    region: REGION,
    cluster: env.cluster,
    network: { vpcId: VPC_ID, subnetIds: PRIVATE_SUBNETS },
    logKmsKeyArn: KEY_ARN,
    image: IMAGE,
    cpu: 256,
    memory: 512,
    containerPort: 8080,
    healthCheckPath: '/healthz',
    loadBalancer: env.loadBalancer,
    routing: { priority: 100 },
    ...more,
  };
}

export function workerProps(env: Environment, more: Partial<ServiceProps> = {}): ServiceProps {
  return {
    name: 'order-worker',
    environmentName: 'shop',
    accountId: ACCOUNT,
    region: REGION,
    cluster: env.cluster,
    network: { vpcId: VPC_ID, subnetIds: PRIVATE_SUBNETS },
    logKmsKeyArn: KEY_ARN,
    image: IMAGE,
    cpu: 256,
    memory: 512,
    command: ['node', 'src/worker.js'],
    containerHealthCheck: { command: ['CMD-SHELL', 'test -f /tmp/ok'] },
    ...more,
  };
}

/** The problems a constructor refused, as `path: message` lines. */
export function refusal(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof InvalidPropsError) return error.message.split('\n').slice(1).map((line) => line.trim());
    throw error;
  }
  throw new Error('the constructor accepted its props');
}
