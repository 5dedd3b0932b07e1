/* commands.h — the subcommands of the dwpolicy program. Each takes the arguments from the
 * subcommand's name on (argv[0] is the name) and returns the process exit status:
 * 0 ok, 1 a case or test failed or a rule errored, 2 a usage or input error. */
#ifndef DWP_CLI_COMMANDS_H
#define DWP_CLI_COMMANDS_H

/* dwpolicy eval [--rules DIR] [--lang zh|en] [--format json|text] FILE|- */
int dwp_cmd_eval(int argc, char **argv);

/* dwpolicy batch [--rules DIR] [--lang zh|en] [--threads N] IN.jsonl|- [-o OUT.jsonl] */
int dwp_cmd_batch(int argc, char **argv);

/* dwpolicy params --region CODE --as-of DATE [--rules DIR] [--lang zh|en] */
int dwp_cmd_params(int argc, char **argv);

/* dwpolicy check [--rules DIR] [--lang zh|en] [--format text|json] */
int dwp_cmd_check(int argc, char **argv);

/* dwpolicy test [--rules DIR] [--lang zh|en] FILE… — run policy test files (policytest.h). */
int dwp_cmd_test(int argc, char **argv);

#endif
