"""Keep pyHanko's import quiet: it imports cryptography's DSA key types, which cryptography deprecates.

buyclean signs with EC keys and never meets DSA, so the CryptographyDeprecationWarning would only be a banner on
every command that touches certificates. The filter matches that one message, from pyHanko's modules only.
"""

from __future__ import annotations

import warnings

from cryptography.utils import CryptographyDeprecationWarning

warnings.filterwarnings("ignore", message="DSA is deprecated", category=CryptographyDeprecationWarning,
                        module=r"pyhanko(\.|$)")
