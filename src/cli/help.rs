//! The long help of each command (`bote help eval`, `bote help run`, …): the language and
//! file format taught where a user looks first. Kept apart from the clap declarations.

pub const EVAL_HELP: &str = "\
The language:
  numbers     42  3.5  .5  1e9  2.5e-3  1_000_000
  scales      10k 10K (thousand)  100M (million)  1bn (billion)  2T (trillion)
              100 million, 3 billion; `B` glued to a number is bytes: 500B = 500 bytes
  operators   + - * /  ^ or **  ( )  unary -  postfix % (a hundredth)  `per` (= /)
              a number next to a unit multiplies, tighter than * and /:
              `1 TiB / 1 Gbps` is a duration
              a number with units is one quantity through `/ unit` and `per unit`:
              `1 GB / 100 MB/s` = 10 s, `1 TB / 100 GB per day` = 10 days;
              a bare number reads left to right: `a / 10 / day` = (a / 10) / day
              `x + 30%` is 30% more (x × 1.3), `x - 20%` is x × 0.8; `99.9% + 0.05%` adds
  information bit, B (byte); kB = KB = 1000 B, MB, GB, TB, PB, EB; KiB, MiB, GiB, TiB, PiB, EiB;
              kbit Kbit Mbit Gbit Tbit, Kibit…  (no lone `b`)
  data rates  any information / time: MB/s, GB/day; bps Kbps Mbps Gbps Tbps
  time        ns us µs ms s sec min h hr day d week month quarter year yr (and plurals)
  rates       counts are plain numbers: `100M / day` is a rate, shown per second
  words       after a number, count words annotate: 100M users, 100M DAU, 10 requests/day,
              2 photos, 5 msgs; QPS RPS TPS are per second: 10K QPS = 10K /s, -> QPS
  money       $ USD dollar cent: $0.02/GB * 1 PB/month = $20K /month
  convert     expr -> unit, expr in unit, expr to unit:  -> GB/day  -> Mbps  -> /s  -> min  -> %
  ranges      lo to hi: uncertain, lo its 5th and hi its 95th percentile (log-normal, 0 < lo);
              `to` before a number, `(` or a defined name is a range, before a unit a
              conversion: `1 MB to 3 MB` and `1 to 3 MB` are ranges, `1 GB to MB` converts;
              normal(mean, sd) uniform(lo, hi) lognormal(p5, p95) pert(min, mode, max)
              availability(99.9% to 99.99%); shown as median (5th–95th percentile) over
              --samples Monte Carlo trials; each trial shares its samples, so x - x is 0
  summaries   p(x, 95%) mean(x) median(x) sd(x) prob(x > 1M /s): plain values, for assert
  functions   min max ceil floor round abs sqrt log2 log10 ln exp
              availability(x) availability(mtbf, mttr) nines(n) series(a, …) parallel(a, …)
              k_of_n(k, n, a) downtime(a, period) error_budget(slo, window)
              burn_rate(fraction, window, alert_window)
              (a call needs its `(` right after the name: `min(a, b)`; `5 min` is minutes)
  models      grow(x, 20% / year, t) = x × 1.2^(t / year): compounds once per the rate's
              period, which must be written (`20% / year`, or a name defined so)
              accumulate(rate, 20% / year, t) = rate × year × (1.2^(t / year) − 1) / ln 1.2,
              the total over t of a rate growing continuously so (rate × t at 0%)
              headroom(x, 30%) = x / (1 − 30%), not x × 1.3   servers(peak, per_server, 30%)
              fanout_slow(1%, n) = 1 − (1 − 1%)^n   leaf_percentile(99%, n) = 99%^(1/n)
              mm1_wait(ρ, S) = ρS / (1 − ρ)   mm1_response(ρ, S) = S / (1 − ρ)
              erlang_c(λ, S, c) mmc_wait(λ, S, c) servers_for(λ, S, wait): M/M/c (Erlang C)
  references  named figures such as ssd_random_read, datacenter_round_trip, link_10gbps:
              see `bote numbers`
  statements  separated by newlines or `;`; `name = expr` defines a name; # starts a comment
  warnings    a value in B^2, s^2 or B*s is rarely meant: a warning on stderr, traced to a
              `1B` (one byte; a billion is `1bn`); an overflow or `1e-400` is an error

Arguments form one program: a definition in one serves the others, in any order. An
argument with an error is set aside, its error shown, and the others still print their
results; one that uses a name defined only in a set-aside argument fails in turn. The exit
status is then 2. With --format json, a set-aside argument is an entry {expr, error} at its
place in the array; when no argument can be evaluated, the output is {error: …}.

Calendar: day = 86400 s, week = 7 days, year = 365.25 days (Julian), month = year/12,
quarter = year/4. With --rough, also a rough one: day = 10^5 s, and a week, month, quarter
and year of 7, 30, 90 and 365 such days.

Exit status: 0 ok, 1 a failed assertion or internal error, 2 bad input.

Examples:
  bote eval '100M * 10 / day -> /s'
  bote eval --explain 'dau = 100M; qps = dau * 10 / day -> /s'    each value's worked steps
  bote eval --rough '100M * 10 / day -> /s'    ≈ 10K /s (exact 11.6K /s, −14%)
  bote eval '1M / day * 2 MB * 5 years * 3 -> PB'
  bote eval 'dau = 50M; writes = dau * 2 / day; writes * 1 KB * 1 year'
  echo '1 Gbps -> MB/s' | bote eval -
  bote eval --format json '1 GiB -> MB'";

pub const RUN_HELP: &str = "\
A scenario file is the language of `bote eval`, one statement per line:

  # Photo sharing                       <- the first comment block: title, description
  dau         = 500M                    # daily active users   <- a value's description
  uploads     = dau * 2% / day
  photo       = 2 MB
  total       = uploads * photo * 5 years * 3 -> PB
  sla         = availability(99.95%)
  assert total ~= 110 PB within 1%

  unit req                               a count unit with its own dimension (10 req/s)
  calendar gregorian                     the calendar: julian (default), gregorian, 365
  calendar year = 365 days               or one length: year, month, quarter
  assert a < b    (<, <=, >, >=, ==)     assert a ~= b within 1%   (or within 5 GB)
  import \"common.bote\"                   another file's statements (path relative to this file)

Definitions may refer to names defined later; a cycle is an error. Values go to tables by
kind: Inputs (no dependencies), Traffic (things per time), Storage (information),
Bandwidth (bits/s and bytes/s), Cost (money), Availability (with downtime), Durations, Other.

Ranges: `dau = 300M to 700M` is uncertain (a 90% interval); every value that uses it shows
its median and 90% range, over --samples trials from --seed (the same seed, the same digits).
Assert a summary of an uncertain value: `assert p(peak_qps, 95%) < 1M /s`,
`assert prob(storage > 200 PB) < 5%`. After the tables:
  --plot NAME            a histogram of NAME
  --sensitivity NAME     which uncertain input explains most of NAME's spread
  --tornado NAME         NAME with each input moved ±--swing (a range: to its p5 and p95)

Exit status: 0 ok, 1 a failed assertion, 2 bad input.

Examples:
  bote run scenarios/photo_sharing.bote
  bote scenarios/photo_sharing.bote --set dau=1bn --explain
  bote scenarios/photo_sharing.bote --rough     beside each value, a candidate's answer
  bote run scenarios/url_shortener.bote --format markdown > capacity.md
  bote check scenarios/*.bote";

pub const SLA_HELP: &str = "\
Examples:
  bote sla 99.9% 99.95% 99.99%                  downtime per day, week, month, quarter, year
  bote sla 'nines(4)' 'series(99.95%, 99.99%)'  any expression of the language
  bote sla 99.9% --calendar 365                 30-day months, as cloud SLA pages count
  bote sla --downtime '5 min/month'             the availability a downtime budget allows
  bote sla 99.9% --format json";

pub const SLO_HELP: &str = "\
The alert table follows the Google SRE workbook (chapter 5, Alerting on SLOs): page when 2%
of the budget burns in 1 hour or 5% in 6 hours, open a ticket when 10% burns in 3 days; each
with a short window a twelfth as long. Burn rates are computed from the window:
burn rate = budget fraction × window / alert window.

Examples:
  bote slo 99.9%                                budget over 30 days and the alert table
  bote slo 99.9% --requests 1bn                 the budget as failed requests
  bote slo 99.95% --window '28 days' --burn 14.4
  bote slo 99.9% --window 4w                    alert-rule durations: 4w 28d 6h 30m 90s 1h30m
  bote slo 99.9% --format json";

pub const GENERATE_HELP: &str = "\
Install them where your shell and man look:
  bote generate completions bash > ~/.local/share/bash-completion/completions/bote
  bote generate completions zsh > ~/.zfunc/_bote       (a directory on $fpath)
  bote generate completions fish > ~/.config/fish/completions/bote.fish
  bote generate man > ~/.local/share/man/man1/bote.1";

pub const DRILL_HELP: &str = "\
Each question shows a scenario's definitions that a value rests on and asks for the value, or
asks for a reference number of `bote numbers`. Answer in the language, with units: `500K/s`,
`0.5M qps`, `2 PB`, `3 ms`; an empty line skips.

Grades: within 10% is spot on; within a factor of 2, good for an interview; further, off by the
factor; a quantity of another kind (a size for a rate) is told as such. After each answer: the
value worked out step by step, its rough path (a day of 10^5 s), and on a terminal the time
you took. At the end: the score.

Answers may be piped, one a line, for scripts and tests:
  printf '500K/s\\n2 PB\\n\\n' | bote drill --seed 1 --count 3
  bote drill --seed 1 --count 3 --format json < answers.txt";

pub const REPL_HELP: &str = "\
Each line is evaluated as by `bote eval`: `name = expr` defines a name, anything else prints
its value. A later definition of a name replaces the earlier one, and everything that depends
on it is recomputed (the values that change are shown). `_` and `ans` are the last result.
An error is shown against the line just typed and never ends the session.

Commands (a unique prefix is enough: `:l` is ambiguous, `:li` is `:list`):
  :help            this list
  :list            the names and their values, as `bote run` tables them
  :explain NAME    a value worked out: its formula, the numbers substituted, each step
  :rough           turn interview rounding on or off: each value's rough figure beside it
  :load FILE       a scenario's statements into the session
  :save FILE       the session as a scenario file that `bote run` reads back
  :numbers         the reference numbers, as `bote numbers` prints them
  :quit            end the session (Ctrl-D does too)

Keys: Tab completes names, units, functions, reference numbers and commands; Up and Down
walk the history; Ctrl-C cancels the line being typed; Ctrl-D on an empty line ends.

History: kept in $BOTE_HISTORY if set (set it empty to keep none), else in the platform's
data directory: $XDG_DATA_HOME/bote/history or ~/.local/share/bote/history on Linux,
~/Library/Application Support/bote/history on macOS, %APPDATA%\\bote\\history on Windows.

When standard input is not a terminal, `bote` alone reads statements from it as
`bote eval -` does; `bote repl` reads its lines from it, commands included.";
