/*
 * cli_common.c — what every subcommand shares: the one table from library
 * status to exit status, error messages that always name the command and the
 * place, checked option values, and opening the index (with directions when
 * there is none).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

int cli_exit_code(vigil_status status)
{
    static const int table[] = {
        [VIGIL_OK] = CLI_EXIT_OK,
        [VIGIL_ENOMEM] = CLI_EXIT_FAILURE,
        [VIGIL_EINVAL] = CLI_EXIT_USAGE,
        [VIGIL_EIO] = CLI_EXIT_FAILURE,
        [VIGIL_ECORRUPT] = CLI_EXIT_FAILURE,
        [VIGIL_EVERSION] = CLI_EXIT_FAILURE,
        [VIGIL_ENOTFOUND] = CLI_EXIT_FAILURE,
        [VIGIL_EPARSE] = CLI_EXIT_FAILURE,
        [VIGIL_ELIMIT] = CLI_EXIT_FAILURE,
        [VIGIL_EUNSUPPORTED] = CLI_EXIT_FAILURE,
        [VIGIL_EREFUSED] = CLI_EXIT_FAILURE,
        [VIGIL_ENETWORK] = CLI_EXIT_FAILURE,
    };
    if ((unsigned)status < sizeof(table) / sizeof(table[0])) return table[status];
    return CLI_EXIT_FAILURE;
}

static void vwarn(const char *cmd, const char *fmt, va_list ap)
{
    fprintf(stderr, "vigil %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_warn(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(cmd, fmt, ap);
    va_end(ap);
}

int cli_fail(const char *cmd, const char *what, vigil_status status,
             const vigil_error *err)
{
    char place[VIGIL_ERROR_MESSAGE_SIZE + 400];
    if (err && err->status == status)
        vigil_error_format(err, place, sizeof(place));
    else
        snprintf(place, sizeof(place), "%s", vigil_strerror(status));
    cli_warn(cmd, "%s: %s", what, place);
    return cli_exit_code(status);
}

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(cmd, fmt, ap);
    va_end(ap);
    fputs(usage, stderr);
    return CLI_EXIT_USAGE;
}

int cli_bad_option(const char *cmd, const char *usage, int opt, char **argv)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (opt == ':')
        return cli_usage_error(cmd, usage, "option '%s' needs a value", arg);
    /* A long option arrives whole in arg ("--brief=3" included); optopt
     * then holds its code, not a letter. */
    if (strncmp(arg, "--", 2) == 0)
        return cli_usage_error(cmd, usage, strchr(arg, '=')
                                   ? "unknown option or unexpected value '%s'"
                                   : "unknown or ambiguous option '%s'", arg);
    if (optopt > 0 && optopt < 128)
        return cli_usage_error(cmd, usage, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, usage, "unknown option '%s'", arg);
}

int cli_parse_double(const char *cmd, const char *option, const char *text,
                     double min, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v) || v < min || v > max) {
        cli_warn(cmd, "%s: '%s' is not a number from %g to %g", option, text, min, max);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_parse_text_or_json(const char *cmd, const char *text, int *json)
{
    if (strcmp(text, "json") == 0 || strcmp(text, "text") == 0) {
        *json = text[0] == 'j';
        return 0;
    }
    cli_warn(cmd, "--format: '%s' is not text or json", text);
    return -1;
}

int cli_parse_size(const char *cmd, const char *option, const char *text,
                   size_t min, size_t max, size_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end || v < (long long)min || (unsigned long long)v > max) {
        cli_warn(cmd, "%s: '%s' is not a whole number from %zu to %zu", option, text,
                 min, max);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int cli_parse_schema(const char *cmd, const char *option, const char *text,
                     vigil_schema *out)
{
    if (vigil_schema_parse(text, out) == VIGIL_OK) return 0;
    cli_warn(cmd, "%s: unknown schema '%s' (Person, Organization, Company, "
             "LegalEntity, Vessel, Aircraft or Thing)", option, text);
    return -1;
}

static void no_index_help(const char *cmd)
{
    cli_warn(cmd, "no index: give one with -i FILE or $VIGIL_INDEX, build one "
             "with 'vigil index build -o lists.vgi LIST...', or fetch the official "
             "lists with 'vigil update'");
}

int cli_open_index(const char *cmd, const char *path, vigil_index **out,
                   const char **opened_path)
{
    if (!path) path = cli_default_index_path();
    if (!path) {
        no_index_help(cmd);
        return CLI_EXIT_FAILURE;
    }
    if (access(path, F_OK) != 0) {
        cli_warn(cmd, "%s: %s", path, strerror(errno));
        no_index_help(cmd);
        return CLI_EXIT_FAILURE;
    }
    vigil_error err;
    memset(&err, 0, sizeof(err));
    vigil_status st = vigil_index_open(path, out, &err);
    if (st != VIGIL_OK) {
        if (!err.file[0]) snprintf(err.file, sizeof(err.file), "%s", path);
        return cli_fail(cmd, "cannot open the index", st, &err);
    }
    if (opened_path) *opened_path = path;
    return CLI_EXIT_OK;
}

void cli_match_args_init(struct cli_match_args *args)
{
    memset(args, 0, sizeof(*args));
    vigil_match_options_init(&args->options);
}

static int filter_add(struct cli_filter *filter, const char *cmd,
                      const char *option, const char *value)
{
    if (filter->count == CLI_MAX_FILTER) {
        cli_warn(cmd, "%s: at most %d values", option, CLI_MAX_FILTER);
        return -1;
    }
    filter->values[filter->count++] = value;
    filter->values[filter->count] = NULL;
    return 0;
}

int cli_match_args_dataset(struct cli_match_args *args, const char *cmd,
                           const char *dataset)
{
    if (filter_add(&args->datasets, cmd, "--dataset", dataset)) return -1;
    args->options.datasets = args->datasets.values;
    return 0;
}

int cli_match_args_topic(struct cli_match_args *args, const char *cmd,
                         const char *topic)
{
    if (filter_add(&args->topics, cmd, "--topic", topic)) return -1;
    args->options.topics = args->topics.values;
    return 0;
}
