import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { denyInsecureTransport, policyDocument } from '@ecs-platform/iam-policy';
import { suppress } from '@ecs-platform/policy';
import { Construct } from 'constructs';
import { elbLogDeliveryPrincipal } from './elb-log-delivery';

/** TLS 1.3 and 1.2 with forward secrecy only; the policy AWS recommends for new HTTPS listeners. */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export interface LoadBalancerProps {
  /** Environment name; names the load balancer, its group and its bucket. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcId: string;
  /** Public subnets for an internet-facing load balancer, private ones for an internal one. */
  readonly subnetIds: readonly string[];
  readonly internal: boolean;
  /** Who may connect on 443 (and 80, which only redirects). */
  readonly ingressCidrs: readonly string[];
  readonly deletionProtection: boolean;
  readonly accessLogs: boolean;
  readonly accessLogRetentionDays: number;
  readonly idleTimeout: number;
  readonly domainName: string;
  /** Route 53 zone for the alias record (and the certificate's validation when no certificate is given). */
  readonly hostedZoneId?: string;
  /** An existing certificate; otherwise one is requested and validated through `hostedZoneId`. */
  readonly certificateArn?: string;
}

/** Construct id of a CIDR (construct ids cannot hold "/"). */
export function cidrId(cidr: string): string {
  return cidr.replace('/', '_');
}

/**
 * Layer 1: an Application Load Balancer that serves HTTPS only. Port 80 answers with a
 * permanent redirect; the HTTPS listener answers 404 unless a service's listener rule matches.
 * Its security group admits 443 and 80 from `ingressCidrs`; its egress is added per service,
 * to that service's tasks on their container port only.
 */
export class LoadBalancer extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly loadBalancer: Lb;
  readonly httpsListener: LbListener;
  readonly certificateArn: string;
  readonly accessLogBucket?: S3Bucket;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { name } = props;

    // A name prefix so that a replaced group is created before the old one goes (the load
    // balancer keeps one attached at all times).
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      namePrefix: `${name}-alb-`,
      description: `Load balancer of ${name}: HTTPS (and HTTP to redirect) in, service ports out`,
      vpcId: props.vpcId,
      tags: { Name: `${name}-alb` },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const cidr of props.ingressCidrs) {
      for (const [label, port] of [
        ['https', 443],
        ['http', 80],
      ] as const) {
        new VpcSecurityGroupIngressRule(this, `ingress-${label}-${cidrId(cidr)}`, {
          securityGroupId: this.securityGroup.id,
          description: port === 443 ? 'HTTPS from clients' : 'HTTP from clients, redirected to HTTPS',
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
        });
      }
    }

    let accessLogsDependency: S3BucketPolicy | undefined;
    if (props.accessLogs) {
      const logs = this.createAccessLogBucket(props);
      this.accessLogBucket = logs.bucket;
      accessLogsDependency = logs.policy;
    }

    this.loadBalancer = new Lb(this, 'load-balancer', {
      name: `${name}-alb`,
      loadBalancerType: 'application',
      internal: props.internal,
      subnets: [...props.subnetIds],
      securityGroups: [this.securityGroup.id],
      // Requests with malformed headers are dropped instead of forwarded (request smuggling).
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'defensive',
      enableDeletionProtection: props.deletionProtection,
      idleTimeout: props.idleTimeout,
      ...(this.accessLogBucket
        ? { accessLogs: { bucket: this.accessLogBucket.bucket, enabled: true } }
        : {}),
      // ELB checks at once that it may write to the bucket.
      ...(accessLogsDependency ? { dependsOn: [accessLogsDependency] } : {}),
      tags: { Name: `${name}-alb` },
    });

    this.certificateArn = props.certificateArn ?? this.requestCertificate(props);

    this.httpsListener = new LbListener(this, 'https-listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: TLS_POLICY,
      certificateArn: this.certificateArn,
      defaultAction: [
        {
          type: 'fixed-response',
          fixedResponse: { contentType: 'text/plain', messageBody: 'Not found', statusCode: '404' },
        },
      ],
    });
    new LbListener(this, 'http-listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [
        {
          type: 'redirect',
          redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
        },
      ],
    });

    if (props.hostedZoneId) {
      new Route53Record(this, 'alias-record', {
        zoneId: props.hostedZoneId,
        name: props.domainName,
        type: 'A',
        alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
      });
    }
  }

  /** A DNS-validated certificate for the domain; Terraform waits until it is issued. */
  private requestCertificate(props: LoadBalancerProps): string {
    if (!props.hostedZoneId) throw new Error(`environment ${props.name} needs dns.certificateArn or dns.hostedZoneId`);
    const certificate = new AcmCertificate(this, 'certificate', {
      domainName: props.domainName,
      validationMethod: 'DNS',
      // A replacement is issued before the old one is detached from the listener.
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: props.domainName },
    });
    // The certificate names one domain, so there is one validation record. Its name and value
    // are picked from the certificate by domain name: a for_each over the validation options
    // would key on values unknown until apply whenever the provider cannot compute them at
    // plan. ACM always returns one option per requested domain; the fallback only matters
    // where the provider is mocked (the offline gate's apply), where the set is empty.
    const option = (attribute: string): string =>
      `\${coalesce(one([for option in ${certificate.fqn}.domain_validation_options : option.${attribute} if option.domain_name == "${props.domainName}"]), "_pending.${props.domainName}")}`;
    const record = new Route53Record(this, 'certificate-validation-record', {
      zoneId: props.hostedZoneId,
      name: option('resource_record_name'),
      // ACM's DNS validation records are always CNAMEs.
      type: 'CNAME',
      records: [option('resource_record_value')],
      ttl: 60,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, 'certificate-validation', {
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    });
    return validation.certificateArn;
  }

  /**
   * The access log bucket: SSE-S3 (ALB access logs support no other encryption), private,
   * owner-enforced, TLS only, written only by ELB log delivery of this region, expiring logs.
   */
  private createAccessLogBucket(props: LoadBalancerProps): { bucket: S3Bucket; policy: S3BucketPolicy } {
    const bucket = new S3Bucket(this, 'access-log-bucket', {
      bucket: `${props.name}-alb-logs-${props.accountId}-${props.region}`,
      // Deleting the environment keeps its access logs unless someone empties the bucket deliberately.
      forceDestroy: false,
    });
    suppress(bucket, 'S3-002', 'ALB access logs support only SSE-S3 (Amazon S3-managed keys); ELB log delivery cannot write to an SSE-KMS bucket.');
    suppress(
      bucket,
      'S3-001',
      'Write-once access logs with unique keys, written only by ELB log delivery and expired by lifecycle; versioning would only keep expired logs as noncurrent versions.',
    );
    // S3 rejects concurrent changes to one bucket's configuration (409 OperationAborted): each
    // sub-resource waits for the one before it.
    const ownership = new S3BucketOwnershipControls(this, 'access-log-ownership', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'access-log-public-access-block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      dependsOn: [ownership],
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'access-log-encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      dependsOn: [publicAccess],
    });
    const lifecycle = new S3BucketLifecycleConfiguration(this, 'access-log-lifecycle', {
      bucket: bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: props.accessLogRetentionDays }],
        },
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [encryption],
    });
    const policy = new S3BucketPolicy(this, 'access-log-bucket-policy', {
      bucket: bucket.id,
      policy: policyDocument([
        {
          Sid: 'ElbWritesAccessLogs',
          Effect: 'Allow',
          Principal: elbLogDeliveryPrincipal(props.region),
          Action: 's3:PutObject',
          Resource: `${bucket.arn}/AWSLogs/${props.accountId}/*`,
        },
        denyInsecureTransport([bucket.arn, `${bucket.arn}/*`]),
      ]),
      dependsOn: [lifecycle],
    });
    return { bucket, policy };
  }
}
