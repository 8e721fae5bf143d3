from __future__ import annotations

import pytest

from buyclean.core.classification import material_from_text
from buyclean.core.model import Material


@pytest.mark.parametrize(("text", "material"), [
    ("float glass 6 mm", Material.FLAT_GLASS), ("laminated glass", Material.FLAT_GLASS),
    ("panel reinforced with glass fibres", None), ("glass wool insulation", Material.INSULATION),
    ("ready mixed concrete 4000 psi", Material.CONCRETE), ("hot-mix asphalt", Material.ASPHALT),
    ("reinforcing bar", Material.STEEL),
])
def test_material_from_text(text: str, material: Material | None) -> None:
    assert material_from_text(text) == material
