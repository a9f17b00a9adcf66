"""Independent reference values for libs/model's loss tests (scipy/numpy, float64).
Run with Debian's python3: /usr/bin/python3 libs/model/scripts/loss-fixtures.py"""
import json
import numpy as np
from scipy.special import gammaln, digamma

out = {}
z = np.array([1e-4, 0.5, 1.0, 2.5, 10.0, 123.4, 1e4])
out['lgamma'] = {'z': z.tolist(), 'value': gammaln(z).tolist(), 'digamma': digamma(z).tolist()}

x = np.array([[0., 3., 10.], [1., 0., 250.]])
mean = np.array([[0.5, 2.0, 12.0], [1.5, 0.1, 200.0]])
disp = np.array([[1.0, 0.3, 5.0], [20.0, 2.0, 0.8]])
pi = np.array([[0.2, 0.1, 0.05], [0.5, 0.9, 0.3]])
eps = 1e-10
def nb_terms(x, m, d):
    t1 = gammaln(d + eps) + gammaln(x + 1) - gammaln(x + d + eps)
    t2 = (d + x) * np.log(1 + m / (d + eps)) + x * (np.log(d + eps) - np.log(m + eps))
    return t1 + t2
nb = nb_terms(x, mean, disp)
out['nb'] = {'x': x.tolist(), 'mean': mean.tolist(), 'disp': disp.tolist(), 'pi': pi.tolist(), 'loss': float(nb.mean())}
# NB terms equal the negative log pmf of scipy's nbinom(n=disp, p=disp/(disp+mean))
from scipy.stats import nbinom
out['nb']['scipy_nll_mean'] = float(-nbinom.logpmf(x, disp, disp / (disp + mean)).mean())
nb_case = nb - np.log(1 - pi + eps)
zero_nb = np.power(disp / (disp + mean + eps), disp)
zero_case = -np.log(pi + (1 - pi) * zero_nb + eps)
def zinb_loss(x, m, d, pi):
    nb_case = nb_terms(x, m, d) - np.log(1 - pi + eps)
    zero_nb = np.power(d / (d + m + eps), d)
    zero_case = -np.log(pi + (1 - pi) * zero_nb + eps)
    return np.where(x <= 1e-8, zero_case, nb_case).mean()
out['zinb'] = {'loss': float(zinb_loss(x, mean, disp, pi))}

def central(f, a, h=1e-6):
    g = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        up, down = a.copy(), a.copy()
        up[i] += h; down[i] -= h
        g[i] = (f(up) - f(down)) / (2 * h)
    return g
# float64 central differences (independent of the analytic gradients under test)
out['nb']['gradMean'] = central(lambda m: nb_terms(x, m, disp).mean(), mean).tolist()
out['nb']['gradDisp'] = central(lambda d: nb_terms(x, mean, d).mean(), disp).tolist()
out['zinb']['gradPi'] = central(lambda p_: zinb_loss(x, mean, disp, p_), pi).tolist()
out['zinb']['gradMean'] = central(lambda m: zinb_loss(x, m, disp, pi), mean).tolist()

# Contrastive (SupCon without labels, two views)
za = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
zb = np.array([[0.9, 0.1], [0.2, 1.0], [-1.0, 0.5]])
T = 0.5
f = np.concatenate([za, zb]); f = f / np.linalg.norm(f, axis=1, keepdims=True)
s = f @ f.T / T
n = len(f); b = len(za)
loss = 0
for a in range(n):
    pos = (a + b) % n
    denom = np.log(sum(np.exp(s[a, c]) for c in range(n) if c != a))
    loss += -(s[a, pos] - denom)
out['contrastive'] = {'z': za.tolist(), 'zPair': zb.tolist(), 'temperature': T, 'loss': float(loss / n * (T / 0.07))}

# Soft k-means with inflation
zz = np.array([[0.0, 0.0], [1.0, 1.0], [3.0, 0.5]])
v = np.array([[0.1, 0.2], [2.5, 0.5]])
d2 = ((zz[:, None, :] - v[None]) ** 2).sum(-1)
w = np.exp(-d2) / np.exp(-d2).sum(1, keepdims=True)
w2 = w ** 2 / (w ** 2).sum(1, keepdims=True)
out['softKMeans'] = {'z': zz.tolist(), 'centres': v.tolist(), 'loss': float((w2 * d2).sum(1).mean())}

# Wasserstein between value distributions
p = np.array([[0.7, 0.3], [0.1, 0.9], [0.5, 0.5]])
q = np.array([[0.6, 0.4], [0.25, 0.75], [0.8, 0.2]])
ps, qs = np.sort(p.ravel()), np.sort(q.ravel())
out['wasserstein'] = {'p': p.tolist(), 'q': q.tolist(), 'loss': float(np.abs(ps - qs).mean())}
# scipy's 1-D W1 between the two empirical distributions is the same number
from scipy.stats import wasserstein_distance
out['wasserstein']['scipy'] = float(wasserstein_distance(p.ravel(), q.ravel()))

# Cluster balance: log K - H(column means of q)
qb = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.25, 0.25]])
share = qb.mean(0)
from scipy.stats import entropy
out['clusterBalance'] = {'q': qb.tolist(), 'loss': float(np.log(3) - entropy(share))}

# Cluster-level contrastive on given representations a, b [B, K]
a = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.25, 0.25]])
bb = np.array([[0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.2, 0.2, 0.6], [0.4, 0.4, 0.2]])
K = a.shape[1]
lpos = sum(np.sum((a[:, i] - bb[:, i]) ** 2) for i in range(K))
lneg = sum(max(0, 1 - np.linalg.norm(a[:, i] - bb[:, j])) ** 2 for i in range(K) for j in range(K) if i != j)
lneg_m = sum(max(0, 0.5 - np.linalg.norm(a[:, i] - bb[:, j])) ** 2 for i in range(K) for j in range(K) if i != j)
out['clusterContrastive'] = {'a': a.tolist(), 'b': bb.tolist(), 'loss': float((lpos + lneg) / K ** 2), 'lossMargin05': float((lpos + lneg_m) / K ** 2)}

# KL(p || q), batch mean
out['kl'] = {'loss': float((p * np.log(p / q)).sum() / p.shape[0])}

# Student-t soft assignment and DEC target
d2 = ((zz[:, None, :] - v[None]) ** 2).sum(-1)
kq = (1 + d2) ** -1.0
qq = kq / kq.sum(1, keepdims=True)
wt = qq ** 2 / qq.sum(0)
pp = wt / wt.sum(1, keepdims=True)
out['assignment'] = {'q': qq.tolist(), 'p': pp.tolist()}

print(json.dumps(out, indent=1))
