//! The built-in functions, as a table: name, arity and the line `--help` and the README show.
//! Their dimension rules live in the checker, their arithmetic in the evaluator.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
    Ceil,
    Floor,
    Round,
    Abs,
    Sqrt,
    Log2,
    Log10,
    Ln,
    Exp,
    Availability,
    Nines,
    Series,
    Parallel,
    KOfN,
    Downtime,
    ErrorBudget,
    BurnRate,
}

pub struct FuncDef {
    pub name: &'static str,
    pub func: Func,
    pub min_args: usize,
    /// `None`: any number.
    pub max_args: Option<usize>,
    pub signature: &'static str,
    pub about: &'static str,
}

pub static FUNCTIONS: &[FuncDef] = &[
    def(
        "min",
        Func::Min,
        1,
        None,
        "min(a, b, …)",
        "the smallest; all arguments of one dimension",
    ),
    def(
        "max",
        Func::Max,
        1,
        None,
        "max(a, b, …)",
        "the largest; all arguments of one dimension",
    ),
    def(
        "ceil",
        Func::Ceil,
        1,
        Some(1),
        "ceil(x)",
        "round up a plain number (`ceil(qps / (20K /s))`)",
    ),
    def(
        "floor",
        Func::Floor,
        1,
        Some(1),
        "floor(x)",
        "round down a plain number",
    ),
    def(
        "round",
        Func::Round,
        1,
        Some(1),
        "round(x)",
        "round a plain number to the nearest integer",
    ),
    def(
        "abs",
        Func::Abs,
        1,
        Some(1),
        "abs(x)",
        "absolute value, any dimension",
    ),
    def(
        "sqrt",
        Func::Sqrt,
        1,
        Some(1),
        "sqrt(x)",
        "square root; dimensions must halve evenly",
    ),
    def(
        "log2",
        Func::Log2,
        1,
        Some(1),
        "log2(x)",
        "base-2 logarithm of a plain number",
    ),
    def(
        "log10",
        Func::Log10,
        1,
        Some(1),
        "log10(x)",
        "base-10 logarithm of a plain number",
    ),
    def(
        "ln",
        Func::Ln,
        1,
        Some(1),
        "ln(x)",
        "natural logarithm of a plain number",
    ),
    def(
        "exp",
        Func::Exp,
        1,
        Some(1),
        "exp(x)",
        "e to the power x, x a plain number",
    ),
    def(
        "availability",
        Func::Availability,
        1,
        Some(2),
        "availability(x) or availability(mtbf, mttr)",
        "a fraction in [0, 1] (`99.95%`) as an availability; or mtbf / (mtbf + mttr)",
    ),
    def(
        "nines",
        Func::Nines,
        1,
        Some(1),
        "nines(n)",
        "1 - 10^-n: `nines(3)` is 99.9%",
    ),
    def(
        "series",
        Func::Series,
        1,
        None,
        "series(a, b, …)",
        "all components must work: the product",
    ),
    def(
        "parallel",
        Func::Parallel,
        1,
        None,
        "parallel(a, b, …)",
        "any one component suffices: 1 - (1 - a)(1 - b)…",
    ),
    def(
        "k_of_n",
        Func::KOfN,
        3,
        Some(3),
        "k_of_n(k, n, a)",
        "at least k of n replicas, each available a, are up (a quorum of 3: `k_of_n(2, 3, a)`)",
    ),
    def(
        "downtime",
        Func::Downtime,
        2,
        Some(2),
        "downtime(a, period)",
        "downtime availability a allows over a period: (1 - a) * period",
    ),
    def(
        "error_budget",
        Func::ErrorBudget,
        2,
        Some(2),
        "error_budget(slo, window)",
        "an SLO's error budget over a window, as time: (1 - slo) * window",
    ),
    def(
        "burn_rate",
        Func::BurnRate,
        3,
        Some(3),
        "burn_rate(fraction, window, alert_window)",
        "the burn rate that spends that fraction of the budget in alert_window: 2% of 30 days in 1 h is 14.4",
    ),
];

const fn def(
    name: &'static str,
    func: Func,
    min_args: usize,
    max_args: Option<usize>,
    signature: &'static str,
    about: &'static str,
) -> FuncDef {
    FuncDef {
        name,
        func,
        min_args,
        max_args,
        signature,
        about,
    }
}

pub fn lookup(name: &str) -> Option<&'static FuncDef> {
    FUNCTIONS.iter().find(|f| f.name == name)
}
