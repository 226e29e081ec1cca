#include "kit_testing/postgres_server.hpp"

#if !defined(_WIN32)
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "es/uuid.hpp"

namespace test_postgres {

namespace {

namespace fs = std::filesystem;

const char* const install_advice =
    "These tests need a PostgreSQL server. Install one with\n"
    "    sudo apt-get install -y postgresql\n"
    "(the tests then start and stop a throwaway server of their own in a temporary directory),\n"
    "or use a server you already have: export POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and\n"
    "POSTGRES_PASSWORD (a user allowed to create databases). ./workshop doctor shows the install\n"
    "command for other systems; if the server is installed where the tests do not look, export\n"
    "KIT_POSTGRES_BIN=<the folder holding its initdb and pg_ctl>.";

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

#if !defined(_WIN32)

bool executable(const fs::path& path)
{
    return ::access(path.c_str(), X_OK) == 0;
}

// The folder holding initdb, pg_ctl and postgres: Debian's versioned folders first (the newest),
// then the PATH (other systems put them there).
std::optional<fs::path> find_server_binaries()
{
    const auto complete = [](const fs::path& dir) {
        return executable(dir / "initdb") && executable(dir / "pg_ctl") && executable(dir / "postgres");
    };
    // KIT_POSTGRES_BIN names the folder, for an installation found nowhere else.
    if (const std::string chosen = environment("KIT_POSTGRES_BIN"); !chosen.empty()) {
        if (complete(chosen)) return fs::path(chosen);
        return std::nullopt;
    }
    std::vector<fs::path> candidates;
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ignored)) {
        candidates.push_back(entry.path() / "bin");
    }
    std::sort(candidates.begin(), candidates.end(), [](const fs::path& a, const fs::path& b) {
        const auto version = [](const fs::path& p) { return std::atoi(p.parent_path().filename().c_str()); };
        return version(a) > version(b);
    });
    std::stringstream path{environment("PATH")};
    for (std::string dir; std::getline(path, dir, ':');) {
        if (!dir.empty()) candidates.emplace_back(dir);
    }
    for (const auto& dir : candidates) {
        if (complete(dir)) return dir;
    }
    return std::nullopt;
}

std::string tail_of(const fs::path& file, std::size_t max_chars = 1500)
{
    std::ifstream in(file);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return text.size() <= max_chars ? text : "..." + text.substr(text.size() - max_chars);
}

// Runs a program and waits for it; its output goes to the log file, never to the test's own
// output (which the runner reads as the test report).
int run_logged(const std::vector<std::string>& argv, const fs::path& log, const fs::path& cwd)
{
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0) return -1;
    if (child == 0) {
        const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        const int in = ::open("/dev/null", O_RDONLY);
        if (out >= 0) {
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
        }
        if (in >= 0) ::dup2(in, STDIN_FILENO);
        // The server outlives this command: it must hold none of the harness's pipes open.
        const long open_max = std::min(::sysconf(_SC_OPEN_MAX), 65536L);
        for (int fd = 3; fd < open_max; ++fd) ::close(fd);
        if (::chdir(cwd.c_str()) != 0) ::_exit(126);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::signal(sig, SIG_DFL);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// PostgreSQL refuses to run as root. When the tests run as root (in a container, in CI), the
// server's commands run as the 'postgres' user that Debian's package creates, or as 'nobody'.
struct ServerUser {
    std::string name;  // empty: run as ourselves
    uid_t uid = 0;
    gid_t gid = 0;
};

ServerUser server_user()
{
    if (::geteuid() != 0) return {};
    for (const char* name : {"postgres", "nobody"}) {
        if (const passwd* entry = ::getpwnam(name)) return {name, entry->pw_uid, entry->pw_gid};
    }
    return {"nobody", 65534, 65534};
}

std::vector<std::string> as_user(const ServerUser& user, std::vector<std::string> command)
{
    if (user.name.empty()) return command;
    for (const char* runuser : {"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"}) {
        if (executable(runuser)) {
            command.insert(command.begin(), {runuser, "-u", user.name, "--"});
            return command;
        }
    }
    // su takes one shell command line: quote every word.
    std::string line;
    for (const auto& word : command) {
        std::string quoted = "'";
        for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        line += (line.empty() ? "" : " ") + quoted + "'";
    }
    return {"su", "-s", "/bin/sh", user.name, "-c", line};
}

// The guardian: a process forked before the server starts. It starts the server, reports on the
// "ready" pipe, then waits for the "lifeline" pipe to close. That happens when the test binary
// ends in any way (normally, by an exception, a crash or kill -9), because the kernel closes a
// dead process's pipes: then it stops the server and deletes its directory. It never returns.
[[noreturn]] void guard_server(const fs::path& bin, const fs::path& dir, const ServerUser& user, int ready,
                               int lifeline)
{
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::signal(sig, SIG_IGN);
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
        // The test's output is its report: the guardian keeps none of it open.
        ::dup2(null, STDIN_FILENO);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
    }
    const fs::path data = dir / "data";
    const fs::path setup_log = dir / "setup.log";
    const fs::path server_log = dir / "server.log";
    const auto report = [&](const std::string& message) {
        std::size_t done = 0;
        while (done < message.size()) {
            const ssize_t n = ::write(ready, message.data() + done, message.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::close(ready);
    };
    const auto pg_ctl = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {(bin / "pg_ctl").string(), "-D", data.string()});
        return run_logged(as_user(user, std::move(args)), setup_log, dir);
    };

    bool started = false;
    const int initdb =
        run_logged(as_user(user, {(bin / "initdb").string(), "-D", data.string(), "-U", "kit", "--auth=trust",
                                  "--encoding=UTF8", "--locale=C", "--no-sync"}),
                   setup_log, dir);
    if (initdb != 0) {
        report("initdb failed (exit code " + std::to_string(initdb) + "):\n" + tail_of(setup_log));
    } else {
        // A throwaway server: no TCP port, and no waiting for the disk (nothing here must
        // survive a power cut).
        std::ofstream conf(data / "postgresql.conf", std::ios::app);
        conf << "\n# Added by the kit's test harness\n"
             << "listen_addresses = ''\n"
             << "unix_socket_directories = '" << dir.string() << "'\n"
             << "port = 5432\n"
             << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
             << "shared_buffers = 16MB\nmax_connections = 100\n";
        conf.close();
        const int start = pg_ctl({"-l", server_log.string(), "-w", "-t", "60", "start"});
        if (start != 0) {
            report("pg_ctl start failed (exit code " + std::to_string(start) + "):\n" + tail_of(setup_log) +
                   "\n" + tail_of(server_log));
        } else {
            started = true;
            report("ok");
        }
    }

    char byte = 0;
    while (started) {
        const ssize_t n = ::read(lifeline, &byte, 1);
        if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
    if (started) pg_ctl({"-m", "immediate", "-w", "stop"});
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    ::_exit(0);
}

// Where the throwaway server lives: a new directory, owned by the user the server runs as. The
// unix socket's path must stay short (about 100 bytes), so a long TMPDIR is not used.
fs::path make_server_directory(const ServerUser& user)
{
    fs::path base = user.name.empty() ? fs::temp_directory_path() : fs::path("/tmp");
    if (base.string().size() > 60) base = "/tmp";
    std::string pattern = (base / "kit-postgres-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw es::Error("cannot create a temporary directory in " + base.string() + " for the test server");
    }
    const fs::path dir = pattern;
    if (!user.name.empty() && ::chown(dir.c_str(), user.uid, user.gid) != 0) {
        throw es::Error("cannot give " + dir.string() + " to the user '" + user.name +
                        "' for the test server");
    }
    return dir;
}

#endif  // !_WIN32

class Harness {
public:
    Harness()
    {
        try {
            if (!environment("POSTGRES_HOST").empty()) {
                use_your_server();
            } else {
                start_throwaway_server();
            }
        } catch (const std::exception& e) {
            failure_ = e.what();
        }
    }

    ~Harness()
    {
#if !defined(_WIN32)
        if (::getpid() != owner_) return;  // a forked test process ending: not ours to stop
#endif
        if (external_ && admin_) {
            for (const auto& name : created_) {
                try {
                    admin_->execute("DROP DATABASE IF EXISTS \"" + name + "\"");
                } catch (const std::exception&) {
                    // Best effort: a database still in use stays behind.
                }
            }
        }
        admin_.reset();
#if !defined(_WIN32)
        if (lifeline_ >= 0) {
            ::close(lifeline_);  // tells the guardian to stop the server
            int status = 0;
            while (::waitpid(guardian_, &status, 0) < 0 && errno == EINTR) {
            }
        }
#endif
    }

    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    es::postgres::Settings fresh_database()
    {
        if (!failure_.empty()) throw es::Error(failure_);
        es::postgres::Settings settings = server_;
        settings.dbname = prefix_ + std::to_string(++count_);
        try {
            admin_->execute("CREATE DATABASE \"" + settings.dbname + "\"" + create_options_);
        } catch (const es::postgres::Error& e) {
            if (e.is_insufficient_privilege()) {
                throw es::Error(
                    "the tests create a fresh database for each test, and the PostgreSQL user '" +
                    server_.user + "' may not create databases: ALTER ROLE \"" + server_.user +
                    "\" CREATEDB; (or unset POSTGRES_HOST: the tests then start a server of their own)");
            }
            throw;
        }
        created_.push_back(settings.dbname);
        return settings;
    }

private:
    void use_your_server()
    {
        external_ = true;
        server_ = {environment("POSTGRES_DBNAME"), environment("POSTGRES_HOST"), environment("POSTGRES_PORT"),
                   environment("POSTGRES_USER"), environment("POSTGRES_PASSWORD")};
        es::postgres::Settings admin = server_;
        if (admin.dbname.empty()) admin.dbname = "postgres";
        try {
            admin_ = std::make_unique<es::postgres::Connection>(admin);
        } catch (const es::postgres::Error& e) {
            throw es::Error(
                std::string("POSTGRES_HOST is set, so the tests use your PostgreSQL server, but: ") +
                e.what());
        }
        choose_create_options();
    }

    // From PostgreSQL 15 on, copying the template's files is the faster way to create a small
    // database when nothing has to reach the disk (a test takes a new database each time).
    void choose_create_options()
    {
        const auto version = admin_->query("SHOW server_version_num");
        if (version.int64(0, 0) >= 150000) create_options_ = " STRATEGY FILE_COPY";
    }

#if defined(_WIN32)
    void start_throwaway_server()
    {
        throw es::Error(
            "on Windows, the tests cannot start a PostgreSQL server of their own: start one, then set "
            "POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD (a user allowed to create "
            "databases)");
    }
#else
    void start_throwaway_server()
    {
        const auto bin = find_server_binaries();
        if (!bin) throw es::Error(install_advice);
        const ServerUser user = server_user();
        const fs::path dir = make_server_directory(user);

        int ready[2];
        int lifeline[2];
        if (::pipe(ready) != 0 || ::pipe(lifeline) != 0)
            throw es::Error("cannot create a pipe for the test server");
        std::cout.flush();  // a forked process must not inherit (and print twice) buffered output
        std::fflush(nullptr);
        const pid_t guardian = ::fork();
        if (guardian < 0) throw es::Error("cannot fork the test server's guardian");
        if (guardian == 0) {
            ::close(ready[0]);
            ::close(lifeline[1]);
            guard_server(*bin, dir, user, ready[1], lifeline[0]);
        }
        ::close(ready[1]);
        ::close(lifeline[0]);
        guardian_ = guardian;
        lifeline_ = lifeline[1];
        // Programs this process starts must not hold the lifeline open; processes it forks (the
        // tests' concurrent writers) do, until they end.
        ::fcntl(lifeline_, F_SETFD, FD_CLOEXEC);

        std::string answer;
        char buffer[512];
        for (ssize_t n; (n = ::read(ready[0], buffer, sizeof buffer)) != 0;) {
            if (n < 0) {
                if (errno == EINTR) continue;
                break;
            }
            answer.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(ready[0]);
        if (answer != "ok") {
            throw es::Error("could not start a throwaway PostgreSQL server from " + bin->string() + " in " +
                            dir.string() + ": " + (answer.empty() ? "its guardian process died" : answer));
        }

        server_ = {"postgres", dir.string(), "5432", "kit", ""};
        admin_ = std::make_unique<es::postgres::Connection>(server_);
        choose_create_options();
        admin_->execute("CREATE DATABASE kit");
        ::setenv("POSTGRES_HOST", server_.host.c_str(), 1);
        ::setenv("POSTGRES_PORT", server_.port.c_str(), 1);
        ::setenv("POSTGRES_USER", server_.user.c_str(), 1);
        ::setenv("POSTGRES_DBNAME", "kit", 1);
    }

    pid_t owner_ = ::getpid();
    pid_t guardian_ = -1;
    int lifeline_ = -1;
#endif
    bool external_ = false;
    std::string failure_;
    es::postgres::Settings server_;
    std::unique_ptr<es::postgres::Connection> admin_;
    // Databases are named kit_test_<random>_<n>: tests run at the same time on one server, or a run
    // that left its databases behind, never take each other's names.
    std::string prefix_ = "kit_test_" + es::Uuid::random().to_string().substr(0, 8) + "_";
    std::string create_options_;
    int count_ = 0;
    std::vector<std::string> created_;
};

}  // namespace

es::postgres::Settings fresh_database()
{
    static Harness harness;
    return harness.fresh_database();
}

}  // namespace test_postgres
