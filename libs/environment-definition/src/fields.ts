import { parseCidr } from '@ecs-platform/cidr';
import { logRetentionProblem } from '@ecs-platform/construct-props';
import { integer, type Schema, string } from './schema';

/** Field schemas that several sections of a definition share. */

/** An IPv4 CIDR block with its host bits clear. */
export const cidr: Schema<string> = {
  parse(value, path, report) {
    const text = string().parse(value, path, report);
    if (text === undefined) return undefined;
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') {
      report(path, parsed);
      return undefined;
    }
    return text;
  },
};

/** Days a CloudWatch log group keeps events: one of the periods CloudWatch Logs offers. */
export const logRetentionDays: Schema<number> = {
  parse(value, path, report) {
    const days = integer().parse(value, path, report);
    if (days === undefined) return undefined;
    const problem = logRetentionProblem(days);
    if (problem === undefined) return days;
    report(path, problem);
    return undefined;
  },
};
