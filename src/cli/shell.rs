//! `whomet completions SHELL` and `whomet man`: the shell completion script and the manual
//! page, both generated from the command definitions so they never fall out of date.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;
use whomet::Error;

use super::{io_error, Cli, Context};

/// Arguments of `whomet completions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet completions bash > ~/.local/share/bash-completion/completions/whomet\n  whomet completions zsh > \"${fpath[1]}/_whomet\"\n  whomet completions fish > ~/.config/fish/completions/whomet.fish"
)]
pub struct CompletionArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    shell: Shell,
}

/// Arguments of `whomet man`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet man | man -l -\n  whomet man > ~/.local/share/man/man1/whomet.1"
)]
pub struct ManArgs {}

/// Prints the completion script for the shell.
pub fn completions(args: &CompletionArgs, context: &mut Context<'_>) -> Result<(), Error> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "whomet", &mut *context.out);
    Ok(())
}

/// Prints the manual page (roff) with a section per subcommand.
pub fn man(_args: &ManArgs, context: &mut Context<'_>) -> Result<(), Error> {
    let command = Cli::command();
    let out: &mut dyn Write = &mut *context.out;
    let page = clap_mangen::Man::new(command.clone());
    page.render_title(out).map_err(io_error)?;
    page.render_name_section(out).map_err(io_error)?;
    page.render_synopsis_section(out).map_err(io_error)?;
    page.render_description_section(out).map_err(io_error)?;
    page.render_options_section(out).map_err(io_error)?;
    // One section per command, so `man whomet` documents every flag of every command.
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        writeln!(out, ".SH \"WHOMET {}\"", sub.get_name().to_uppercase()).map_err(io_error)?;
        let sub = sub.clone().bin_name(format!("whomet {}", sub.get_name()));
        let sub_page = clap_mangen::Man::new(sub.clone());
        let mut body = Vec::new();
        sub_page
            .render_synopsis_section(&mut body)
            .map_err(io_error)?;
        sub_page
            .render_description_section(&mut body)
            .map_err(io_error)?;
        sub_page
            .render_options_section(&mut body)
            .map_err(io_error)?;
        // Demote the sub-page's sections so that they nest under the command's heading.
        let body = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
        out.write_all(body.as_bytes()).map_err(io_error)?;
        if let Some(examples) = sub.get_after_help() {
            let text = examples.to_string();
            let text = text.strip_prefix("Examples:\n").unwrap_or(&text);
            writeln!(out, ".SS EXAMPLES\n.nf").map_err(io_error)?;
            for line in text.lines() {
                // A leading dot or quote would start a roff request.
                writeln!(out, "\\&{}", line.replace('\\', "\\e")).map_err(io_error)?;
            }
            writeln!(out, ".fi").map_err(io_error)?;
        }
    }
    page.render_version_section(out).map_err(io_error)?;
    Ok(())
}
