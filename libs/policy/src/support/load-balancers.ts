/** Load balancers and listeners (`aws_lb`/`aws_alb`, `aws_lb_listener`/`aws_alb_listener`). */
import type { ResourceView, RuleContext } from '../types';
import { block, blocks, referencedAddresses } from './attributes';

export const LB_TYPES = ['aws_lb', 'aws_alb'] as const;
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'] as const;

/** Application load balancers are the default `load_balancer_type`. */
export function isApplicationLoadBalancer(lb: ResourceView): boolean {
  const type = lb.config.load_balancer_type;
  return type === undefined || type === 'application';
}

export function listenersOf(context: RuleContext, lb: ResourceView): ResourceView[] {
  return LISTENER_TYPES.flatMap((type) => context.ofType(type)).filter((listener) =>
    referencedAddresses(listener.config.load_balancer_arn, lb.type).includes(lb.address),
  );
}

/** True when every action redirects to HTTPS. */
export function redirectsToHttps(actions: unknown): boolean {
  const list = blocks(actions);
  return list.length > 0 && list.every((action) => action.type === 'redirect' && block(action.redirect)?.protocol === 'HTTPS');
}
