//! Power-iteration measures: eigenvector, PageRank and Katz, each step pulling from the
//! neighbours of every node in parallel, with networkx's starting vectors and stopping rules.

use rayon::prelude::*;

use super::CentralityError;
use crate::graph::Adjacency;

/// Nodes per parallel task: large enough that task overhead is noise, small enough to balance.
const CHUNK: usize = 4096;

/// `out[v] = f(v, Σ_{u ∈ N(v)} x[u] · w(u, v))` for every node, in parallel.
fn pull(
    g: &Adjacency,
    weighted: bool,
    x: &[f64],
    out: &mut [f64],
    f: impl Fn(usize, f64) -> f64 + Sync,
) {
    out.par_chunks_mut(CHUNK)
        .enumerate()
        .for_each(|(chunk, slice)| {
            let base = chunk * CHUNK;
            for (i, slot) in slice.iter_mut().enumerate() {
                let v = (base + i) as u32;
                // Folds from +0: an empty float `sum` is −0.
                let sum: f64 = if weighted {
                    g.neighbors(v)
                        .iter()
                        .zip(g.weights(v))
                        .fold(0.0, |t, (&u, &w)| t + x[u as usize] * f64::from(w))
                } else {
                    g.neighbors(v).iter().fold(0.0, |t, &u| t + x[u as usize])
                };
                *slot = f(base + i, sum);
            }
        });
}

/// Sum of |a − b| over the two vectors (L1 change between iterations).
fn l1_change(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum()
}

/// Euclidean norm, 1 when zero (as networkx guards it).
fn norm(x: &[f64]) -> f64 {
    let n = x.iter().map(|v| v * v).sum::<f64>().sqrt();
    if n == 0.0 {
        1.0
    } else {
        n
    }
}

/// networkx `eigenvector_centrality`: power iteration on A + I from the uniform vector,
/// normalized to unit Euclidean norm, stopping when the L1 change is below n × `tol`.
pub(crate) fn eigenvector(
    g: &Adjacency,
    weighted: bool,
    max_iter: usize,
    tol: f64,
) -> Result<Vec<f64>, CentralityError> {
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        pull(g, weighted, &x, &mut next, |v, sum| x[v] + sum);
        let scale = norm(&next);
        next.par_iter_mut().for_each(|v| *v /= scale);
        let change = l1_change(&next, &x);
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * tol {
            return Ok(x);
        }
    }
    Err(CentralityError::NoConvergence {
        measure: "eigenvector",
        iterations: max_iter,
        hint: String::new(),
    })
}

/// networkx `pagerank`: damping `alpha`, uniform start and teleport, dangling (isolated)
/// nodes spread uniformly, stopping when the L1 change is below n × `tol`.
pub(crate) fn pagerank(
    g: &Adjacency,
    weighted: bool,
    alpha: f64,
    max_iter: usize,
    tol: f64,
) -> Result<Vec<f64>, CentralityError> {
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let nf = n as f64;
    // Reciprocal out-strength, as networkx scales rows of A by 1/S.
    let inverse_strength: Vec<f64> = (0..n as u32)
        .into_par_iter()
        .map(|v| {
            let s: f64 = if weighted {
                g.weights(v).iter().fold(0.0, |t, &w| t + f64::from(w))
            } else {
                g.degree(v) as f64
            };
            if s == 0.0 {
                0.0
            } else {
                1.0 / s
            }
        })
        .collect();
    let dangling: Vec<u32> = (0..n as u32).filter(|&v| g.degree(v) == 0).collect();
    let mut x = vec![1.0 / nf; n];
    let mut share = vec![0.0; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        share
            .par_iter_mut()
            .zip(x.par_iter().zip(&inverse_strength))
            .for_each(|(s, (xv, inv))| *s = xv * inv);
        let dangling_sum: f64 = dangling.iter().map(|&v| x[v as usize]).sum();
        let base = alpha * dangling_sum / nf + (1.0 - alpha) / nf;
        pull(g, weighted, &share, &mut next, |_, sum| alpha * sum + base);
        let change = l1_change(&next, &x);
        std::mem::swap(&mut x, &mut next);
        if change < nf * tol {
            return Ok(x);
        }
    }
    Err(CentralityError::NoConvergence {
        measure: "pagerank",
        iterations: max_iter,
        hint: String::new(),
    })
}

/// networkx `katz_centrality` (β = 1, start at zero, normalized to unit Euclidean norm),
/// stopping when the L1 change is below n × `tol`.
pub(crate) fn katz(
    g: &Adjacency,
    weighted: bool,
    alpha: f64,
    max_iter: usize,
    tol: f64,
) -> Result<Vec<f64>, CentralityError> {
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let beta = 1.0;
    let mut x = vec![0.0; n];
    let mut next = vec![0.0; n];
    let fail = |g: &Adjacency| {
        // α below 1/(largest strength) always converges: the spectral radius is at most
        // the largest row sum.
        let max_strength = (0..g.node_count() as u32)
            .map(|v| {
                if weighted {
                    g.weights(v).iter().map(|&w| u64::from(w)).sum::<u64>()
                } else {
                    g.degree(v) as u64
                }
            })
            .max()
            .unwrap_or(0);
        CentralityError::NoConvergence {
            measure: "katz",
            iterations: max_iter,
            hint: format!(
                "alpha {alpha} must be below 1/λ_max of the adjacency matrix; any alpha below 1/{max_strength} (the largest {}) converges",
                if weighted { "strength" } else { "degree" }
            ),
        }
    };
    for _ in 0..max_iter {
        pull(g, weighted, &x, &mut next, |_, sum| alpha * sum + beta);
        let change = l1_change(&next, &x);
        std::mem::swap(&mut x, &mut next);
        if !change.is_finite() {
            return Err(fail(g));
        }
        if change < n as f64 * tol {
            let scale = norm(&x);
            x.par_iter_mut().for_each(|v| *v /= scale);
            return Ok(x);
        }
    }
    Err(fail(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagerank_sums_to_one_with_an_isolated_node() {
        let g = Adjacency::from_pairs(4, &[(0, 1, 1), (1, 2, 3)]);
        let p = pagerank(&g, true, 0.85, 100, 1e-6).expect("converges");
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p[1] > p[0] && p[3] < p[0]);
    }

    #[test]
    fn katz_reports_divergence_with_a_hint() {
        // A star with 20 leaves has λ_max = √20 ≈ 4.5: α = 0.5 diverges, α = 0.04 converges.
        let pairs: Vec<(u32, u32, u32)> = (1..=20).map(|i| (0, i, 1)).collect();
        let g = Adjacency::from_pairs(21, &pairs);
        let error = katz(&g, false, 0.5, 1000, 1e-6).expect_err("diverges");
        assert!(error.to_string().contains("below 1/20"), "{error}");
        assert!(katz(&g, false, 0.04, 1000, 1e-6).is_ok());
    }
}
