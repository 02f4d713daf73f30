package io.cluehub.archive.personal;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators rotate the keys that encrypt archived bodies: {@code POST /api/v1/archive/keys/rotation} adds a key and
 * re-encrypts every stored body under it; {@code POST /api/v1/archive/keys/reseal} only re-encrypts what is not under
 * the current key yet (after another instance rotated). Role {@code operator}. The answer names key ids and counts.
 */
@RestController
@RequestMapping("/api/v1/archive/keys")
public class FieldKeysController {

    private final ArchiveRekeyer rekeyer;

    public FieldKeysController(ArchiveRekeyer rekeyer) {
        this.rekeyer = rekeyer;
    }

    @PostMapping("/rotation")
    public ArchiveRekeyer.Report rotate() {
        return rekeyer.rotate();
    }

    @PostMapping("/reseal")
    public ArchiveRekeyer.Report reseal() {
        return rekeyer.reseal();
    }
}
