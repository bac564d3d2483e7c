import type { Device } from 'fhir/r4.js';

/** The FHIR id of the recording app's Device in the sandbox. */
export const APP_DEVICE_ID = 'safe-enquiry-app';

/** `Device/safe-enquiry-app`: what the app's router is given as `appDevice`, so Provenance names the app. */
export const APP_DEVICE_REFERENCE = `Device/${APP_DEVICE_ID}`;

/** The app's version, as a constant: the seed is pure code and does not read package.json. */
export const APP_DEVICE_VERSION = '0.1.0';

/**
 * The Safe Enquiry recording app as a FHIR R4 Device (http://hl7.org/fhir/R4/device.html), so that each recording's
 * Provenance can name it as the assembler agent beside the clinician who authored it (src/recording/provenance.map.ts).
 */
export function buildAppDevice(): Device {
  return {
    resourceType: 'Device',
    id: APP_DEVICE_ID,
    status: 'active',
    deviceName: [{ name: 'Safe Enquiry recording app', type: 'user-friendly-name' }],
    version: [{ value: APP_DEVICE_VERSION }],
  };
}
