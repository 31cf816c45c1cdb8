//! The drop folder: carriers (or a transfer job) put message files in a folder;
//! each finished file is journaled and then moved to `done/`, or to `failed/`
//! with a `NAME.error.txt` beside it when it cannot be journaled (empty, over the
//! size limit).
//!
//! The folder is polled rather than watched: that works the same on local disks
//! and network shares. A file is taken when its size and modification time are
//! unchanged between two polls; names starting with `.` or ending in `.part` or
//! `.tmp` are left alone, so a writer that writes under such a name and renames
//! when done is never read half-written. Only regular files are taken (no
//! symbolic links, no sub-folders).
//!
//! A file is never deleted. It is moved only after the journal has committed its
//! bytes; if the process stops between the commit and the move, the file is
//! journaled again at the next start, which records one more reception of the
//! same message and loses nothing.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use piu_store::{Channel, Reception, Store, StoreError};
use time::OffsetDateTime;

use crate::Worker;

/// Where the drop folder is and who its files come from.
#[derive(Debug, Clone)]
pub struct FolderConfig {
    pub path: PathBuf,
    /// Recorded as the sender of every file (a carrier code or a partner name).
    pub sender: String,
    pub interval: Duration,
}

/// What one poll did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanSummary {
    /// Journaled and moved to `done/`.
    pub journaled: usize,
    /// Refused and moved to `failed/`.
    pub failed: usize,
    /// Seen changing or for the first time; looked at again next poll.
    pub waiting: usize,
}

/// A file's size and modification time: unchanged between polls means finished.
type Fingerprint = (u64, Option<SystemTime>);

/// A polled drop folder.
#[derive(Debug)]
pub struct DropFolder {
    config: FolderConfig,
    store: Store,
    worker: Option<Worker>,
    /// Files seen at the last poll and not yet taken.
    seen: HashMap<PathBuf, Fingerprint>,
    /// Files journaled whose move to `done/` failed: moved, not journaled again.
    unmoved: HashMap<PathBuf, Fingerprint>,
}

impl DropFolder {
    /// Creates `done/` and `failed/` in the folder if missing.
    pub fn open(store: Store, config: FolderConfig) -> io::Result<DropFolder> {
        std::fs::create_dir_all(config.path.join("done"))?;
        std::fs::create_dir_all(config.path.join("failed"))?;
        Ok(DropFolder {
            config,
            store,
            worker: None,
            seen: HashMap::new(),
            unmoved: HashMap::new(),
        })
    }

    /// Wakes `worker` after each file journaled.
    pub fn with_worker(mut self, worker: Worker) -> DropFolder {
        self.worker = Some(worker);
        self
    }

    /// Polls every interval, for ever; problems are reported on stderr and the
    /// files concerned stay where they are for the next poll.
    pub async fn run(mut self) {
        loop {
            if let Err(error) = self.scan().await {
                crate::report!("drop folder {}: {error}", self.config.path.display());
            }
            tokio::time::sleep(self.config.interval).await;
        }
    }

    /// One poll: takes every file that has stopped changing since the last one.
    /// A store error stops the poll (the file stays, for the next one).
    pub async fn scan(&mut self) -> Result<ScanSummary, StoreError> {
        let mut summary = ScanSummary::default();
        let mut now_seen = HashMap::new();
        for (path, fingerprint) in self.candidates().await {
            if self.unmoved.get(&path) == Some(&fingerprint) {
                self.move_journaled(&path).await;
                continue;
            }
            if self.seen.get(&path) != Some(&fingerprint) {
                now_seen.insert(path, fingerprint);
                summary.waiting += 1;
                continue;
            }
            match self.take(&path, fingerprint).await {
                Ok(Taken::Journaled) => summary.journaled += 1,
                Ok(Taken::Failed) => summary.failed += 1,
                Ok(Taken::Unreadable) => {}
                Err(error) => {
                    // Still there, still finished: taken at the next poll.
                    now_seen.insert(path, fingerprint);
                    self.seen = now_seen;
                    return Err(error);
                }
            }
        }
        self.seen = now_seen;
        Ok(summary)
    }

    /// Regular files directly in the folder that are not hidden or temporary.
    async fn candidates(&self) -> Vec<(PathBuf, Fingerprint)> {
        let mut found = Vec::new();
        let mut entries = match tokio::fs::read_dir(&self.config.path).await {
            Ok(entries) => entries,
            Err(error) => {
                crate::report!(
                    "drop folder {} cannot be listed: {error}",
                    self.config.path.display()
                );
                return found;
            }
        };
        while let Ok(Some(entry)) = entries.next_entry().await {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.ends_with(".part") || name.ends_with(".tmp") {
                continue;
            }
            // Not following links: the metadata of the entry itself.
            let Ok(metadata) = entry.metadata().await else {
                continue;
            };
            if metadata.is_file() {
                found.push((entry.path(), (metadata.len(), metadata.modified().ok())));
            }
        }
        found.sort();
        found
    }

    async fn take(&mut self, path: &Path, fingerprint: Fingerprint) -> Result<Taken, StoreError> {
        let name = file_name(path);
        let bytes = match tokio::fs::read(path).await {
            Ok(bytes) => bytes,
            Err(error) => {
                crate::report!("{} cannot be read: {error}", path.display());
                return Ok(Taken::Unreadable);
            }
        };
        if let Err(refusal) = self.store.check_size(&bytes) {
            self.move_failed(path, &refusal.to_string()).await;
            return Ok(Taken::Failed);
        }
        let reception = Reception::new(
            Channel::Folder,
            self.config.sender.clone(),
            OffsetDateTime::now_utc(),
        )
        .with_external_ref(name);
        match self.store.append(&bytes, &reception).await {
            Ok(_) => {
                if let Some(worker) = &self.worker {
                    worker.wake();
                }
                self.unmoved.insert(path.to_owned(), fingerprint);
                self.move_journaled(path).await;
                Ok(Taken::Journaled)
            }
            Err(StoreError::Refused(refusal)) => {
                self.move_failed(path, &refusal.to_string()).await;
                Ok(Taken::Failed)
            }
            Err(error) => Err(error),
        }
    }

    /// Moves a journaled file to `done/`; if that fails it is tried again at the
    /// next poll without journaling the file again.
    async fn move_journaled(&mut self, path: &Path) {
        let done = self.config.path.join("done");
        match move_into(path, &done).await {
            Ok(_) => {
                self.unmoved.remove(path);
            }
            Err(error) => crate::report!(
                "{} is journaled but could not be moved to {}: {error}",
                path.display(),
                done.display()
            ),
        }
    }

    /// Writes why beside the file's new place in `failed/`, then moves it there.
    async fn move_failed(&self, path: &Path, reason: &str) {
        let failed = self.config.path.join("failed");
        let target = match free_name(&failed, path).await {
            Ok(target) => target,
            Err(error) => {
                crate::report!("{} stays where it is: {error}", path.display());
                return;
            }
        };
        let mut note_name = target.file_name().unwrap_or_default().to_owned();
        note_name.push(".error.txt");
        let note = failed.join(note_name);
        let text = format!(
            "{} was not journaled: {reason}\n",
            path.file_name()
                .map(|name| name.to_string_lossy())
                .unwrap_or_default()
        );
        if let Err(error) = tokio::fs::write(&note, text).await {
            crate::report!("{} cannot be written: {error}", note.display());
        }
        if let Err(error) = tokio::fs::rename(path, &target).await {
            crate::report!(
                "{} could not be moved to {}: {error}",
                path.display(),
                failed.display()
            );
        }
    }
}

enum Taken {
    Journaled,
    Failed,
    /// Could not be read this time; left in place.
    Unreadable,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Moves `path` into `folder` under its own name, or a numbered one if that is
/// taken (a carrier may send the same file name every day).
async fn move_into(path: &Path, folder: &Path) -> io::Result<PathBuf> {
    let target = free_name(folder, path).await?;
    tokio::fs::rename(path, &target).await?;
    Ok(target)
}

/// `folder/NAME`, or `folder/NAME.N` with the first N not taken, where NAME is
/// the file name of `path` as it is (also when it is not UTF-8).
async fn free_name(folder: &Path, path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} has no file name", path.display())))?;
    for number in 0..10_000u32 {
        let mut candidate = name.to_owned();
        if number > 0 {
            candidate.push(format!(".{number}"));
        }
        let candidate = folder.join(candidate);
        if !tokio::fs::try_exists(&candidate).await? {
            return Ok(candidate);
        }
    }
    Err(io::Error::other(format!(
        "{} holds 10000 files named {}",
        folder.display(),
        name.to_string_lossy()
    )))
}
