//! `dvht template` (placeholder until its work lands).

use super::Context;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_ctx: &Context, _args: Args) -> anyhow::Result<u8> {
    anyhow::bail!("`template` is not built yet")
}
