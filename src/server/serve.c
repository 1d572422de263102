/*
 * serve.c — `vigil serve`: options, startup, signals and shutdown of the
 * HTTP screening service.
 *
 * Invariant: SIGHUP, SIGTERM and SIGINT are blocked in every thread and
 * taken synchronously by the main thread (sigwait), so signal handling is
 * ordinary code: SIGHUP reopens the access log and reloads the index;
 * SIGTERM/SIGINT stop accepting, wait for the requests in flight (at most
 * --timeout seconds; a second signal cuts the wait short) and exit 0.
 * Nothing runs in a signal handler.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cli/commands.h"
#include "server.h"

static const char usage[] =
    "usage: vigil serve [-i INDEX] [--listen ADDR:PORT] [--threads N]\n"
    "                   [--max-connections N] [--max-body BYTES] [--timeout SECONDS]\n"
    "                   [--api-key-file FILE] [--access-log FILE] [--log-queries]\n"
    "Serves the screening API over HTTP (docs/api.md).  Listens on 127.0.0.1:8080\n"
    "by default; port 0 picks a free port.  The API key guarding POST /admin/reload\n"
    "comes from $VIGIL_API_KEY or --api-key-file.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "vigil serve: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage);
    return 2;
}

/* An unsigned number in [min, max]; a k/m/g suffix multiplies by 1024^n
 * when `sizes` is set. */
static int parse_number(const char *text, unsigned long long min, unsigned long long max,
                        bool sizes, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!text || text[0] == '-') return -1;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text) return -1;
    if (sizes && *end) {
        const char *units = "kmg";
        const char *u = strchr(units, *end | 0x20);
        if (!u || end[1]) return -1;
        for (const char *p = units; p <= u; p++) {
            if (v > max / 1024) return -1;
            v *= 1024;
        }
        end++;
    }
    if (*end || v < min || v > max) return -1;
    *out = v;
    return 0;
}

/* "HOST:PORT", "[V6]:PORT" or ":PORT" (loopback). */
static int parse_listen(const char *text, struct srv_config *config)
{
    const char *colon = strrchr(text, ':');
    unsigned long long port;
    if (!colon || parse_number(colon + 1, 0, 65535, false, &port) != 0) return -1;
    size_t host_len = (size_t)(colon - text);
    const char *host = text;
    if (host_len >= 2 && host[0] == '[' && host[host_len - 1] == ']') {
        host++;
        host_len -= 2;
    }
    if (host_len >= sizeof(config->host)) return -1;
    if (host_len == 0) {
        snprintf(config->host, sizeof(config->host), "127.0.0.1");
    } else {
        memcpy(config->host, host, host_len);
        config->host[host_len] = '\0';
    }
    config->port = (unsigned)port;
    return 0;
}

/* Reads the API key: the file's first line, trimmed. */
static int read_key_file(const char *path, char **out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "vigil serve: --api-key-file: %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & 0077))
        fprintf(stderr, "vigil serve: warning: %s is readable by other users\n", path);
    char line[1024];
    if (!fgets(line, sizeof(line), f)) line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
    *out = strdup(line);
    return *out ? 0 : -1;
}

static int take_api_key(struct srv_config *config, const char *key_file)
{
    const char *env = getenv("VIGIL_API_KEY");
    if (key_file) {
        if (read_key_file(key_file, &config->api_key) != 0) return -1;
    } else if (env && *env) {
        config->api_key = strdup(env);
        if (!config->api_key) return -1;
    }
    if (config->api_key && strlen(config->api_key) < SRV_MIN_API_KEY) {
        fprintf(stderr, "vigil serve: the API key is shorter than %d characters; "
                        "use a random one (e.g. openssl rand -hex 32)\n", SRV_MIN_API_KEY);
        return -1;
    }
    return 0;
}

static int parse_options(int argc, char **argv, struct srv_config *config,
                         const char **key_file)
{
    enum { O_LISTEN = 256, O_THREADS, O_MAXCONN, O_MAXBODY, O_TIMEOUT, O_KEYFILE,
           O_ACCESSLOG, O_LOGQUERIES };
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'},
        {"listen", required_argument, NULL, O_LISTEN},
        {"threads", required_argument, NULL, O_THREADS},
        {"max-connections", required_argument, NULL, O_MAXCONN},
        {"max-body", required_argument, NULL, O_MAXBODY},
        {"timeout", required_argument, NULL, O_TIMEOUT},
        {"api-key-file", required_argument, NULL, O_KEYFILE},
        {"access-log", required_argument, NULL, O_ACCESSLOG},
        {"log-queries", no_argument, NULL, O_LOGQUERIES},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    unsigned long long v;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "i:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'i': config->index_path = optarg; break;
        case O_LISTEN:
            if (parse_listen(optarg, config) != 0)
                return usage_error("--listen: expected ADDRESS:PORT, got \"%s\"", optarg);
            break;
        case O_THREADS:
            if (parse_number(optarg, 1, 1024, false, &v) != 0)
                return usage_error("--threads: expected 1 to 1024, got \"%s\"", optarg);
            config->threads = (unsigned)v;
            break;
        case O_MAXCONN:
            if (parse_number(optarg, 1, 100000, false, &v) != 0)
                return usage_error("--max-connections: expected 1 to 100000, got \"%s\"", optarg);
            config->max_connections = (unsigned)v;
            break;
        case O_MAXBODY:
            if (parse_number(optarg, 1024, 1ull << 30, true, &v) != 0)
                return usage_error("--max-body: expected 1024 bytes to 1g, got \"%s\"", optarg);
            config->max_body = (size_t)v;
            break;
        case O_TIMEOUT:
            if (parse_number(optarg, 1, 3600, false, &v) != 0)
                return usage_error("--timeout: expected 1 to 3600 seconds, got \"%s\"", optarg);
            config->timeout = (unsigned)v;
            break;
        case O_KEYFILE: *key_file = optarg; break;
        case O_ACCESSLOG: config->access_log = optarg; break;
        case O_LOGQUERIES: config->log_queries = true; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (optind < argc) return usage_error("unexpected argument \"%s\"", argv[optind]);
    return -1;
}

static void config_defaults(struct srv_config *config)
{
    memset(config, 0, sizeof(*config));
    snprintf(config->host, sizeof(config->host), "127.0.0.1");
    config->port = SRV_DEFAULT_PORT;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    config->threads = cores > 0 && cores < 1024 ? (unsigned)cores : 1;
    config->max_connections = SRV_DEFAULT_MAX_CONNECTIONS;
    config->max_body = SRV_DEFAULT_MAX_BODY;
    config->timeout = SRV_DEFAULT_TIMEOUT;
}

static int open_log(struct srv_server *server)
{
    if (!server->config.access_log || strcmp(server->config.access_log, "-") == 0) {
        server->log_fd = STDERR_FILENO;
        return 0;
    }
    server->log_fd = open(server->config.access_log,
                          O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (server->log_fd < 0) {
        fprintf(stderr, "vigil serve: --access-log: %s: %s\n", server->config.access_log,
                strerror(errno));
        return -1;
    }
    return 0;
}

/* SIGHUP also reopens the access log file, for log rotation; dup2 swaps
 * the descriptor in one step, so concurrent writers never see it closed. */
static void reopen_log(struct srv_server *server)
{
    if (server->log_fd <= STDERR_FILENO) return;
    int fd = open(server->config.access_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0) return;   /* keep writing to the old file */
    dup2(fd, server->log_fd);
    close(fd);
}

static void log_event(struct srv_server *server, const char *event, const char *detail)
{
    char now[40];
    srv_time_iso(now, sizeof(now));
    json_t *line = json_pack("{s:s,s:s}", "time", now, "event", event);
    if (line && detail) json_object_set_new(line, "detail", json_string(detail));
    srv_log_json(server, line);
    json_decref(line);
}

/* Raises the open-file limit to what --max-connections needs (each
 * connection is a descriptor; the default soft limit is often 1024). */
static void raise_file_limit(const struct srv_config *config)
{
    struct rlimit lim;
    rlim_t need = (rlim_t)config->max_connections * 5 / 4 + 64;
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur >= need) return;
    lim.rlim_cur = lim.rlim_max == RLIM_INFINITY || lim.rlim_max >= need ? need : lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
    if (lim.rlim_cur < need)
        fprintf(stderr, "vigil serve: warning: the open-file limit (%llu) is below what "
                        "--max-connections %u needs (%llu)\n",
                (unsigned long long)lim.rlim_cur, config->max_connections,
                (unsigned long long)need);
}

/* Waits for the requests in flight to finish, at most `limit` seconds or
 * until another stop signal arrives. */
static void drain(struct srv_server *server, const sigset_t *signals, unsigned limit)
{
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (unsigned long waited = 0; waited < limit * 100ul; waited++) {
        if (atomic_load(&server->in_flight) == 0) return;
        int sig = sigtimedwait(signals, NULL, &tick);
        if (sig == SIGTERM || sig == SIGINT) return;
    }
}

/* Takes signals until a stop signal; SIGHUP reloads. */
static void run(struct srv_server *server, const sigset_t *signals)
{
    for (;;) {
        int sig = 0;
        if (sigwait(signals, &sig) != 0) continue;
        if (sig == SIGHUP) {
            struct srv_reload_report report;
            reopen_log(server);
            srv_reload(server, "SIGHUP", &report);
            continue;
        }
        log_event(server, "shutdown", sig == SIGINT ? "SIGINT" : "SIGTERM");
        return;
    }
}

static int serve(struct srv_server *server)
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGHUP);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    /* Blocked before libmicrohttpd starts its threads, which inherit it. */
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned port = 0;
    raise_file_limit(&server->config);
    if (srv_http_start(server, &port) != 0) return 3;
    bool v6 = strchr(server->config.host, ':') != NULL;
    server->config.port = port;
    printf(v6 ? "listening on [%s]:%u\n" : "listening on %s:%u\n", server->config.host, port);
    fflush(stdout);

    run(server, &signals);
    atomic_store(&server->draining, true);
    srv_http_quiesce(server);
    drain(server, &signals, server->config.timeout);
    srv_http_stop(server);
    log_event(server, "stopped", NULL);
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    struct srv_server *server = calloc(1, sizeof(*server));
    const char *key_file = NULL;
    if (!server) return 3;
    config_defaults(&server->config);
    int status = parse_options(argc, argv, &server->config, &key_file);
    if (status < 0 && !server->config.index_path)
        server->config.index_path = cli_default_index_path();
    if (status < 0 && !server->config.index_path)
        status = usage_error("%s", "no index: give -i INDEX or set VIGIL_INDEX");
    if (status < 0 && (take_api_key(&server->config, key_file) != 0 || open_log(server) != 0))
        status = 2;
    if (status < 0) {
        vigil_error err;
        memset(&err, 0, sizeof(err));
        vigil_status st = srv_holder_open(server->config.index_path, &server->holder, &err);
        if (st != VIGIL_OK) {
            char text[VIGIL_ERROR_MESSAGE_SIZE + 400];
            fprintf(stderr, "vigil serve: cannot open the index: %s\n",
                    err.message[0] ? vigil_error_format(&err, text, sizeof(text))
                                   : vigil_strerror(st));
            status = 3;
        }
    }
    if (status < 0) {
        server->started = time(NULL);
        status = serve(server);
    }
    srv_holder_close(server->holder);
    if (server->log_fd > STDERR_FILENO) close(server->log_fd);
    free(server->config.api_key);
    free(server);
    return status;
}
