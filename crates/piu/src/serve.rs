//! `piu serve`, `piu reprocess` and `piu tokens`: intake as a running service,
//! re-reading the journal, and carriers' API tokens.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::{ArgMatches, Args as _, FromArgMatches as _};
use piu_intake::amqp::AmqpConfig;
use piu_intake::folder::FolderConfig;
use piu_intake::iapi::Endpoints;
use piu_intake::nats::NatsConfig;
use piu_intake::tokens::{self, Tokens};
use piu_intake::{ServeConfig, Worker, serve};
use piu_screen::Screener;
use piu_store::{MessageId, ReprocessSelection, Store};

/// The embedded default: one SQLite file in the current folder, nothing to set up.
pub const DEFAULT_DATABASE: &str = "sqlite:piu.db";
const DEFAULT_TOKENS: &str = "piu-tokens.txt";

#[derive(clap::Args)]
pub struct ServeArgs {
    /// A TOML file of options, keys named as the long options
    /// (`database = "sqlite:piu.db"`, `watchlist = ["a.list.json"]`). The
    /// command line wins over PIU_<OPTION> variables, which win over the file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The journal: sqlite:FILE or postgres://USER@HOST/DB.
    #[arg(long, default_value = DEFAULT_DATABASE)]
    database: String,
    /// Address the carrier API listens on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Carriers' API tokens (NAME CARRIER SHA256 per line; see `piu tokens add`).
    /// Read at start.
    #[arg(long, default_value = DEFAULT_TOKENS)]
    tokens: PathBuf,
    /// A folder whose files are journaled, then moved to done/ (or failed/).
    #[arg(long)]
    drop_folder: Option<PathBuf>,
    /// Recorded as the sender of drop-folder files.
    #[arg(long, default_value = "drop-folder")]
    drop_sender: String,
    /// How often the drop folder is looked at, in milliseconds.
    #[arg(long, default_value_t = 1000)]
    poll_ms: u64,
    /// Consume an AMQP 0-9-1 broker (RabbitMQ), e.g.
    /// amqp://guest:guest@127.0.0.1:5672/%2f. Sender: the app_id property,
    /// else user_id, else the queue name.
    #[arg(long)]
    amqp_url: Option<String>,
    /// The queue consumed; declared durable if missing. Give it a dead-letter
    /// exchange: refused messages are rejected there.
    #[arg(long, default_value = "piu.in")]
    amqp_queue: String,
    /// Deliveries unacknowledged at most.
    #[arg(long, default_value_t = 64)]
    amqp_prefetch: u16,
    /// Consume a NATS JetStream stream, e.g. nats://127.0.0.1:4222. Sender: the
    /// Piu-Sender header, else the subject's last token.
    #[arg(long)]
    nats_url: Option<String>,
    /// The stream consumed; created with --nats-subject if missing.
    #[arg(long, default_value = "PIU")]
    nats_stream: String,
    /// A subject of the stream when it is created (repeatable).
    #[arg(long = "nats-subject", default_value = "piu.in.>")]
    nats_subjects: Vec<String>,
    /// The durable pull consumer; created if missing.
    #[arg(long, default_value = "piu-intake")]
    nats_consumer: String,
    /// iAPI (POST /api/v1/iapi): hits on lists of this severity or above
    /// answer 2Z with "hold boarding, contact the PIU"; lower ones 2Z advisory.
    /// An automated hit never answers 1Z (no board): a person reviews it first.
    #[arg(long, default_value = "high", value_parser = parse_severity)]
    iapi_hold_from: piu_model::Severity,
    /// iAPI: how check-in staff reach the PIU (a telephone number), added to
    /// the hold text.
    #[arg(long)]
    iapi_contact: Option<String>,
    /// iAPI: where carriers take unsolicited verdict changes (CUSRES 132), a
    /// JSON file {"J2": "http://…", "KL": "amqp://…/%2f#queue"}. Read at start;
    /// an unreadable file or endpoint stops the start.
    #[arg(long, value_name = "FILE")]
    iapi_endpoints: Option<PathBuf>,
    /// iAPI: one carrier's endpoint, CARRIER=URL (repeatable); overrides the
    /// file's endpoint for that carrier. https:// is not built in.
    #[arg(long = "iapi-endpoint", value_name = "CARRIER=URL")]
    iapi_endpoint: Vec<String>,
    /// Seconds before an acknowledgement whose publish to a carrier's reply
    /// queue or subject failed is tried again.
    #[arg(long, default_value_t = 30)]
    ack_retry_secs: u64,
    /// Serve the analysts' workspace (console and /api/v1 for staff, sign-in
    /// with `piu users add` accounts) on this address; a listener apart from
    /// the carrier API, so each can be reached from its own network only.
    #[arg(long)]
    workspace_listen: Option<SocketAddr>,
    /// Workspace cookies without the Secure flag, for plain HTTP on a
    /// machine's own loopback; leave off wherever TLS is in front.
    #[arg(long)]
    workspace_insecure_cookies: bool,
    /// A criteria file (groups and criteria in CEL), checked at start (a
    /// refused file stops the start), applied to every new or changed
    /// traveller beside the criteria activated in the workspace, and listed
    /// in the workspace's criteria view as loaded from a file.
    #[arg(long, value_name = "FILE")]
    criteria: Option<PathBuf>,
    #[command(flatten)]
    lists: ListArgs,
}

/// The environment variable of a long option: `PIU_` and the option's name
/// in capitals, `-` as `_` (`--workspace-listen` is `PIU_WORKSPACE_LISTEN`).
fn environment_name(long: &str) -> String {
    format!("PIU_{}", long.replace('-', "_").to_uppercase())
}

/// `piu serve` as clap sees it, each option also read from its `PIU_<OPTION>`
/// variable; set on every option at once, so an option added later has one too.
pub fn with_environment(command: clap::Command) -> clap::Command {
    command.mut_args(|arg| match arg.get_long().map(environment_name) {
        Some(name) => arg.env(name),
        None => arg,
    })
}

fn serve_command() -> clap::Command {
    with_environment(ServeArgs::augment_args(clap::Command::new("serve")))
}

impl ServeArgs {
    /// The options of `piu serve` from its command-line arguments (those after
    /// `serve`), the environment and the `--config` file, in that order of
    /// precedence. An unknown key or a bad value in the file is an error naming
    /// the file and the key.
    pub fn resolve(arguments: impl IntoIterator<Item = OsString>) -> anyhow::Result<ServeArgs> {
        let arguments: Vec<OsString> = arguments.into_iter().collect();
        let command = serve_command();
        let named = |extra: &[OsString]| {
            std::iter::once(OsString::from("serve"))
                .chain(extra.iter().cloned())
                .chain(arguments.iter().cloned())
                .collect::<Vec<_>>()
        };
        let given = command.clone().try_get_matches_from(named(&[]))?;
        let Some(path) = given.get_one::<PathBuf>("config").cloned() else {
            return Ok(ServeArgs::from_arg_matches(&given)?);
        };
        let from_file = file_arguments(&command, &path, &given)?;
        let matches = command.try_get_matches_from(named(&from_file))?;
        Ok(ServeArgs::from_arg_matches(&matches)?)
    }
}

/// The file's options as command-line arguments, leaving out those given on
/// the command line or in the environment. Each key is checked on its own,
/// so an error names it.
fn file_arguments(
    command: &clap::Command,
    path: &Path,
    given: &ArgMatches,
) -> anyhow::Result<Vec<OsString>> {
    let file = path.display();
    let text = std::fs::read_to_string(path).with_context(|| format!("--config {file}"))?;
    let table: toml::Table = text.parse().map_err(|error| {
        anyhow::anyhow!("--config {file}: not a TOML table of options: {error}")
    })?;
    // Values from the file alone, without the environment's.
    let bare = command.clone().mut_args(|arg| arg.env(None));
    let mut arguments = Vec::new();
    for (key, value) in &table {
        let fail = |what: String| anyhow::anyhow!("--config {file}: {key}: {what}");
        let long = key.replace('_', "-");
        let arg = command
            .get_arguments()
            .find(|arg| arg.get_long() == Some(long.as_str()) && long != "config")
            .filter(|_| !key.contains('-'))
            .ok_or_else(|| {
                let known: Vec<String> = command
                    .get_arguments()
                    .filter_map(|arg| arg.get_long())
                    .filter(|long| *long != "config")
                    .map(|long| long.replace('-', "_"))
                    .collect();
                fail(format!(
                    "unknown key; the keys are the long options of piu serve with _ for -: {}",
                    known.join(", ")
                ))
            })?;
        let these = option_arguments(arg, value).map_err(fail)?;
        bare.clone()
            .try_get_matches_from(std::iter::once(OsString::from("serve")).chain(these.clone()))
            .map_err(|error| fail(clap_message(&error)))?;
        let source = given.value_source(arg.get_id().as_str());
        if !matches!(
            source,
            Some(clap::parser::ValueSource::CommandLine | clap::parser::ValueSource::EnvVariable)
        ) {
            arguments.extend(these);
        }
    }
    Ok(arguments)
}

/// One key's value as `--option=value` arguments: a flag takes `true` or
/// `false`, a repeatable option a list or one value, any other option one
/// string, number or boolean.
fn option_arguments(arg: &clap::Arg, value: &toml::Value) -> Result<Vec<OsString>, String> {
    let long = arg.get_long().unwrap_or_default();
    if !arg.get_action().takes_values() {
        return match value {
            toml::Value::Boolean(true) => Ok(vec![format!("--{long}").into()]),
            toml::Value::Boolean(false) => Ok(Vec::new()),
            _ => Err("expected true or false".to_owned()),
        };
    }
    let repeatable = matches!(arg.get_action(), clap::ArgAction::Append);
    let scalar = |value: &toml::Value| match value {
        toml::Value::String(text) => Ok(text.clone()),
        toml::Value::Integer(number) => Ok(number.to_string()),
        toml::Value::Float(number) => Ok(number.to_string()),
        toml::Value::Boolean(flag) => Ok(flag.to_string()),
        _ if repeatable => Err("expected a string, a number or a list of them".to_owned()),
        _ => Err("expected a string or a number".to_owned()),
    };
    let values = match value {
        toml::Value::Array(items) if repeatable => {
            items.iter().map(scalar).collect::<Result<Vec<_>, _>>()?
        }
        toml::Value::Array(_) => return Err("expected one value, not a list".to_owned()),
        value => vec![scalar(value)?],
    };
    Ok(values
        .into_iter()
        .map(|value| OsString::from(format!("--{long}={value}")))
        .collect())
}

/// What clap says is wrong, without its "error:" and usage lines.
fn clap_message(error: &clap::Error) -> String {
    let text = error.to_string();
    let first = text.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_owned()
}

fn parse_severity(text: &str) -> Result<piu_model::Severity, String> {
    use piu_model::Severity;
    [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ]
    .into_iter()
    .find(|severity| severity.to_string().eq_ignore_ascii_case(text))
    .ok_or_else(|| format!("{text}: expected low, medium, high or critical"))
}

/// The watchlists stored travellers are screened against.
#[derive(clap::Args)]
pub struct ListArgs {
    /// A watchlist (descriptor `*.list.json`, CSV, UN XML, FollowTheMoney JSON
    /// lines); repeatable. Without one, travellers are stored but not screened.
    #[arg(long = "watchlist")]
    watchlists: Vec<PathBuf>,
    /// How ambiguous dates in watchlists are written (DD-MM-YYYY, MM-DD-YYYY, YYYY-MM-DD).
    #[arg(long, value_parser = crate::screen::parse_date_format)]
    date_format: Option<piu_watchlist::DateFormat>,
}

impl ListArgs {
    /// The screener over the lists; a list that cannot be loaded stops the start.
    fn screener(&self) -> anyhow::Result<Arc<Screener>> {
        Ok(self.load()?.0)
    }

    /// The screener, and what each list holds for the workspace's watchlists
    /// view (counts only).
    fn load(&self) -> anyhow::Result<(Arc<Screener>, Vec<piu_server::ListInfo>)> {
        load_lists(&self.watchlists, self.date_format)
    }
}

/// The screener over `watchlists`, and the workspace's catalogue of them; a
/// list that cannot be loaded is an error. `piu demo` loads its lists here too.
pub(crate) fn load_lists(
    watchlists: &[PathBuf],
    date_format: Option<piu_watchlist::DateFormat>,
) -> anyhow::Result<(Arc<Screener>, Vec<piu_server::ListInfo>)> {
    let loaded_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut catalogue = Vec::new();
    let (index, failed) =
        crate::screen::build_index_with(watchlists, date_format, |path, data, import| {
            let list = &data.list;
            catalogue.push(piu_server::ListInfo {
                name: list.name.clone(),
                owner_agency: list.owner_agency.clone(),
                category: list.category.clone(),
                severity: list.severity.to_string(),
                purpose: list.purpose.to_string(),
                valid_from: list.valid_from.map(|date| date.to_string()),
                valid_until: list.valid_until.map(|date| date.to_string()),
                version: list.version.clone(),
                persons: import.entries.len() as u64,
                aliases: import
                    .entries
                    .iter()
                    .map(|entry| entry.names.len().saturating_sub(1) as u64)
                    .sum(),
                documents: import.documents.len() as u64,
                source: path.display().to_string(),
                loaded_at: loaded_at.clone(),
                refused: import.refused.len() as u64,
                warnings: import.warnings.len() as u64,
            });
        });
    anyhow::ensure!(!failed, "a watchlist could not be loaded (see above)");
    Ok((Arc::new(Screener::new(index)), catalogue))
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("selection").required(true).args(["quarantined", "all", "ids"])))]
pub struct ReprocessArgs {
    #[arg(long, default_value = DEFAULT_DATABASE)]
    database: String,
    /// Every quarantined message.
    #[arg(long)]
    quarantined: bool,
    /// Every message in the journal.
    #[arg(long)]
    all: bool,
    /// These journal ids.
    ids: Vec<i64>,
    #[command(flatten)]
    lists: ListArgs,
}

#[derive(clap::Subcommand)]
pub enum TokensCommand {
    /// Make a token for a carrier: printed once, only its hash is kept.
    Add {
        /// A name for the token (one word), e.g. klm-production.
        name: String,
        /// The carrier it speaks for, recorded as the sender of its messages.
        carrier: String,
        #[arg(long, default_value = DEFAULT_TOKENS)]
        tokens: PathBuf,
    },
}

/// A line on stderr; a closed stderr is no reason to stop serving.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// The iAPI endpoints from `--iapi-endpoints` and `--iapi-endpoint`; the first
/// one that cannot be used is an error naming the file or the argument.
fn iapi_endpoints(args: &ServeArgs) -> anyhow::Result<Endpoints> {
    let mut endpoints = match &args.iapi_endpoints {
        Some(path) => {
            Endpoints::load(path).map_err(|error| anyhow::anyhow!("--iapi-endpoints {error}"))?
        }
        None => Endpoints::default(),
    };
    for assignment in &args.iapi_endpoint {
        endpoints.add_assignment(assignment).map_err(|error| {
            // The error names the URL, or the whole argument when it has no URL.
            if error.starts_with(assignment.as_str()) {
                anyhow::anyhow!("--iapi-endpoint {error}")
            } else {
                anyhow::anyhow!("--iapi-endpoint {assignment}: {error}")
            }
        })?;
    }
    Ok(endpoints)
}

pub fn run_serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let endpoints = iapi_endpoints(args)?;
    let tokens = if args.tokens.exists() {
        Tokens::load(&args.tokens)?
    } else {
        say!(
            "piu serve: {} does not exist: the HTTP API refuses every message until a token \
             is made with `piu tokens add NAME CARRIER`",
            args.tokens.display()
        );
        Tokens::default()
    };
    let mut config = ServeConfig::new(tokens);
    let (screener, catalogue) = args.lists.load()?;
    config.screener = screener;
    let file_criteria = match &args.criteria {
        Some(path) => Some(piu_server::FileCriteria {
            set: Arc::new(crate::screen::load_criteria(path)?),
            source: path.display().to_string(),
            loaded_at: time::OffsetDateTime::now_utc(),
        }),
        None => None,
    };
    config.iapi = piu_intake::iapi::Policy {
        hold_from: args.iapi_hold_from,
        contact: args.iapi_contact.clone(),
    };
    config.iapi_endpoints = endpoints;
    config.ack_retry = Duration::from_secs(args.ack_retry_secs.max(1));
    config.drop_folder = args.drop_folder.as_ref().map(|path| FolderConfig {
        path: path.clone(),
        sender: args.drop_sender.clone(),
        interval: Duration::from_millis(args.poll_ms.max(10)),
    });
    config.amqp = args.amqp_url.as_ref().map(|url| AmqpConfig {
        prefetch: args.amqp_prefetch,
        ..AmqpConfig::new(url.clone(), args.amqp_queue.clone())
    });
    config.nats = args.nats_url.as_ref().map(|url| NatsConfig {
        consumer: args.nats_consumer.clone(),
        ..NatsConfig::new(
            url.clone(),
            args.nats_stream.clone(),
            args.nats_subjects.clone(),
        )
    });
    runtime()?.block_on(async {
        let store = Store::open(&args.database)
            .await
            .with_context(|| format!("opening the journal at {}", args.database))?;
        // The file's criteria and those activated in the workspace, in force
        // for intake; activating another one replaces them while serving.
        let sets = piu_server::sets_in_force(&store, file_criteria.as_ref())
            .await
            .context("reading the active criteria")?;
        config.criteria = Arc::new(piu_criteria::InForce::new(sets));
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("listening on {}", args.listen))?;
        say!(
            "piu serve: journal {}, carrier API on http://{}{}{}{}",
            args.database,
            listener.local_addr().unwrap_or(args.listen),
            args.drop_folder
                .as_ref()
                .map(|path| format!(", drop folder {}", path.display()))
                .unwrap_or_default(),
            args.amqp_url
                .as_ref()
                .map(|_| format!(", AMQP queue {}", args.amqp_queue))
                .unwrap_or_default(),
            args.nats_url
                .as_ref()
                .map(|_| format!(", NATS stream {}", args.nats_stream))
                .unwrap_or_default()
        );
        let workspace = match args.workspace_listen {
            Some(address) => {
                let listener = tokio::net::TcpListener::bind(address)
                    .await
                    .with_context(|| format!("listening on {address}"))?;
                say!(
                    "piu serve: workspace on http://{}",
                    listener.local_addr().unwrap_or(address)
                );
                let settings = piu_server::Settings {
                    secure_cookies: !args.workspace_insecure_cookies,
                    ..piu_server::Settings::default()
                };
                let mut state = piu_server::AppState::new(store.clone(), settings)
                    .with_watchlists(catalogue)
                    .with_criteria_in_force(Arc::clone(&config.criteria));
                if let Some(criteria) = file_criteria {
                    state = state.with_file_criteria(criteria);
                }
                let router = piu_server::router(state);
                Some(tokio::spawn(async move {
                    if let Err(error) = axum::serve(listener, router).await {
                        say!("piu serve: the workspace stopped: {error}");
                    }
                }))
            }
            None => None,
        };
        serve(store.clone(), listener, config, stop_signal()).await?;
        if let Some(workspace) = workspace {
            workspace.abort();
        }
        store.close().await;
        say!("piu serve: stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// Ctrl-C, or SIGTERM as service managers send it.
pub(crate) async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

pub fn run_reprocess(args: &ReprocessArgs) -> anyhow::Result<ExitCode> {
    let ids: Vec<MessageId> = args.ids.iter().copied().map(MessageId).collect();
    let selection = if args.all {
        ReprocessSelection::All
    } else if args.quarantined {
        ReprocessSelection::Quarantined
    } else {
        ReprocessSelection::Ids(&ids)
    };
    let screener = args.lists.screener()?;
    runtime()?.block_on(async {
        let store = Store::open(&args.database)
            .await
            .with_context(|| format!("opening the journal at {}", args.database))?;
        // The criteria activated in the workspace apply as they do in serving.
        let sets = piu_server::sets_in_force(&store, None)
            .await
            .context("reading the active criteria")?;
        let criteria = Arc::new(piu_criteria::InForce::new(sets));
        let (reset, summary) = Worker::screening(store.clone(), screener, criteria)
            .reprocess(selection)
            .await?;
        store.close().await;
        println!(
            "reset {reset}; read {}: processed {}, quarantined {}",
            summary.processed + summary.quarantined,
            summary.processed,
            summary.quarantined
        );
        Ok(ExitCode::SUCCESS)
    })
}

pub fn run_tokens(command: &TokensCommand) -> anyhow::Result<ExitCode> {
    match command {
        TokensCommand::Add {
            name,
            carrier,
            tokens,
        } => {
            let token = tokens::add(tokens, name, carrier)?;
            say!(
                "piu tokens: {name} for carrier {carrier} added to {}; the token is shown \
                 only now:",
                tokens.display()
            );
            println!("{token}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
